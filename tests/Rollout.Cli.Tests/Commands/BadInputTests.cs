using System.IO;
using Rollout.Cli.Tests.Infrastructure;

namespace Rollout.Cli.Tests.Commands;

/// <summary>Every kind of unusable input, for every command: exit 2, one line naming file and place, no stack trace, nothing written.</summary>
public sealed class BadInputTests
{
    public static TheoryData<string, string, string> Inputs() => new()
    {
        // name, file content (null: no file), expected part of the one error line
        { "missing", "", "no such file" },
        { "malformed", "{\n  \"schemaVersion\": 1,\n  \"id\": \"x\"\n", "line 4, column 1: malformed JSON" },
        { "not-an-object", "[1, 2]", "not a plan: the document is not a JSON object" },
        { "version-2", "{ \"schemaVersion\": 2, \"id\": \"x\" }", "schemaVersion: version 2 is not supported; this tool reads version 1" },
        { "schema", "{ \"schemaVersion\": 1, \"id\": \"x\", \"touches\": [\"moon\"], \"stages\": [], \"stopLoss\": [], \"rollback\": [], \"readiness\": [] }", "touches[0]" },
        { "duplicate-key", "{ \"schemaVersion\": 1, \"schemaVersion\": 1 }", "malformed JSON" },
    };

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Render_and_diff_refuse_unusable_plans_in_one_line(string name, string content, string expected)
    {
        using var folder = new TempFolder("rollout-bad");
        var file = Path.Combine(folder.Path, name + ".plan.json");
        if (name != "missing") File.WriteAllText(file, content);
        var output = Directory.CreateDirectory(Path.Combine(folder.Path, "out")).FullName;

        foreach (var args in new[] { new[] { "render", file, "-o", output }, ["diff", file, Tool.SamplePlan("new-checkout-flow")], ["diff", Tool.SamplePlans, file] })
        {
            var result = Tool.Run(args);
            Assert.True(result.ExitCode == 2, string.Join(" ", args) + "\n" + result);
            Assert.Equal("", result.Output);
            var line = Assert.Single(result.Error.Split('\n', System.StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith("rollout: " + file + ": ", line);
            Assert.Contains(expected, line);
            Assert.Empty(Directory.GetFileSystemEntries(output));
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Validate_refuses_unusable_plans(string name, string content, string expected)
    {
        using var folder = new TempFolder("rollout-bad");
        var file = Path.Combine(folder.Path, name + ".plan.json");
        if (name != "missing") File.WriteAllText(file, content);

        var result = Tool.Run("validate", file, Tool.SamplePlans);

        Assert.Equal(2, result.ExitCode);
        // Schema problems are listed like findings (all of them); anything worse stops with one line.
        Assert.Contains(expected, name == "schema" ? result.Output : result.Error);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void A_folder_without_plans_is_unusable_input()
    {
        using var folder = new TempFolder("rollout-empty");
        var result = Tool.Run("validate", folder.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("rollout: " + folder.Path + ": folder holds no *.plan.json files; pass the rollout/ folder the build writes, or plan files.\n", result.Error);
    }

    [Fact]
    public void A_missing_output_folder_is_unusable_input_and_nothing_is_written()
    {
        using var folder = new TempFolder("rollout-out");
        var missing = Path.Combine(folder.Path, "nope");
        var result = Tool.Run("render", Tool.SamplePlan("new-checkout-flow"), "-o", missing);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("rollout: " + missing + ": output folder does not exist; create it or pass another one with -o.\n", result.Error);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public void An_unwritable_output_folder_is_unusable_input_and_leaves_no_temporary_file()
    {
        using var folder = new TempFolder("rollout-out");
        // A folder named like the output file: the rename cannot replace it.
        Directory.CreateDirectory(Path.Combine(folder.Path, "new-checkout-flow.runbook.md"));
        var result = Tool.Run("render", Tool.SamplePlan("new-checkout-flow"), "-o", folder.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("rollout: " + Path.Combine(folder.Path, "new-checkout-flow.runbook.md") + ": cannot write (", result.Error);
        Assert.Equal([Path.Combine(folder.Path, "new-checkout-flow.runbook.md")], Directory.GetFileSystemEntries(folder.Path));
    }

    [Fact]
    public void Two_files_with_one_plan_id_in_a_folder_are_unusable_input()
    {
        using var folder = new TempFolder("rollout-dup");
        var json = File.ReadAllText(Tool.SamplePlan("new-checkout-flow"));
        folder.Write("a.plan.json", json);
        folder.Write("b.plan.json", json);
        var result = Tool.Run("diff", Tool.SamplePlans, folder.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("both hold plan 'new-checkout-flow'; keep one file per plan id.", result.Error);
    }
}
