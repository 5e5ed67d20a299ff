using System.IO;
using System.Linq;
using System.Text.Json;
using Rollout.Cli.Tests.Infrastructure;

namespace Rollout.Cli.Tests.Commands;

/// <summary><c>rollout export flagd|feature-management</c> through the tool's entry point, from the committed sample plan files.</summary>
public sealed class FlagExportCommandTests
{
    public static TheoryData<string> Targets() => new() { "flagd", "feature-management" };

    [Theory]
    [MemberData(nameof(Targets))]
    public void Every_stage_and_the_rollback_of_every_sample_is_one_file_with_the_same_name(string target)
    {
        foreach (var (id, flag, stages) in new[]
                 {
                     ("new-checkout-flow", "NEW_CHECKOUT_ENABLED", new[] { "canary", "staged", "full" }),
                     ("contact-dedup-job", "DEDUP_JOB_ENABLED", new[] { "pilot", "half", "full" }),
                     ("dark-mode-toggle", "DARK_MODE_ENABLED", new[] { "staff", "everyone" }),
                 })
        {
            foreach (var point in stages.Append("--rollback"))
            {
                using var folder = new TempFolder("flags");
                var args = point == "--rollback" ? new[] { "--rollback" } : new[] { "--stage", point };
                var result = Tool.Run(new[] { "export", target, Tool.SamplePlan(id), "-o", folder.Path }.Concat(args).ToArray());
                Assert.True(result.ExitCode == 0, result.ToString());
                var written = Path.Combine(folder.Path, id + "." + target + ".json");
                Assert.Equal(new[] { written }, Directory.GetFiles(folder.Path));
                Assert.Contains("wrote " + written + " (flag " + flag + " at " + (point == "--rollback" ? "rollback: on for nobody" : "stage " + point), result.Output);
                using var json = JsonDocument.Parse(File.ReadAllText(written));
                Assert.Contains(flag, File.ReadAllText(written));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void Strict_refuses_an_audience_stage_and_strict_all_any_stage(string target)
    {
        using var folder = new TempFolder("flags");
        var output = Path.Combine(folder.Path, "flags");
        var refused = Tool.Run("export", target, Tool.SamplePlan("new-checkout-flow"), "--stage", "canary", "-o", output, "--strict");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("warning: approximation stage canary: audience 'internal users only' becomes group 'internal-users-only'", refused.Output);
        Assert.Contains("--strict: " + target + " only approximates plan 'new-checkout-flow'", refused.Output);
        Assert.False(Directory.Exists(output), "a refused export created its output folder");

        var full = Tool.Run("export", target, Tool.SamplePlan("new-checkout-flow"), "--stage", "full", "-o", output, "--strict");
        Assert.True(full.ExitCode == 0, full.ToString());
        var all = Tool.Run("export", target, Tool.SamplePlan("dark-mode-toggle"), "--stage", "everyone", "-o", output, "--strict=all");
        Assert.Equal(1, all.ExitCode);
        Assert.Contains("--strict=all: " + target + " cannot express all of plan 'dark-mode-toggle'", all.Output);
        Assert.Equal(new[] { "new-checkout-flow." + target + ".json" }, Directory.GetFiles(output).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData(new string[0], "rollout: pass --stage NAME (the stage to write) or --rollback (the flag off for everyone).")]
    [InlineData(new[] { "--stage", "canary", "--rollback" }, "rollout: --stage and --rollback exclude each other; pass one: the stage to write, or --rollback for the flag off for everyone.")]
    [InlineData(new[] { "--stage", "Canary" }, "rollout: PLAN: --stage: plan 'new-checkout-flow' has no stage 'Canary' (its stages: canary, staged, full); or pass --rollback for the flag off for everyone.")]
    [InlineData(new[] { "--stage", "canary", "--flag", "new checkout" }, "rollout: PLAN: --flag: 'new checkout' is not a flag key; use letters, digits, '_', '.' and '-', starting with a letter or digit.")]
    [InlineData(new[] { "--rollback", "--strict=some" }, "rollout: --strict: 'some' is not a level; write --strict (refuse what the engine runs differently) or --strict=all (also what it cannot express).")]
    public void Bad_input_is_one_line_and_exit_2_with_nothing_written(string[] options, string line)
    {
        foreach (var target in new[] { "flagd", "feature-management" })
        {
            using var folder = new TempFolder("flags");
            var plan = Tool.SamplePlan("new-checkout-flow");
            var result = Tool.Run(new[] { "export", target, plan, "-o", folder.Path }.Concat(options).ToArray());
            Assert.Equal(2, result.ExitCode);
            Assert.Equal(line.Replace("PLAN", plan) + "\n", result.Error);
            Assert.Empty(Directory.GetFiles(folder.Path));
        }
    }

    [Fact]
    public void An_option_of_the_kubernetes_engines_is_refused()
    {
        using var folder = new TempFolder("flags");
        var result = Tool.Run("export", "flagd", Tool.SamplePlan("new-checkout-flow"), "--stage", "full", "-o", folder.Path, "--prometheus", "http://p:9090");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--prometheus", result.Error);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Json_names_the_flag_the_stage_and_no_kubernetes_object()
    {
        using var folder = new TempFolder("flags");
        var result = Tool.Run("export", "feature-management", Tool.SamplePlan("contact-dedup-job"), "--rollback", "-o", folder.Path, "--format", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal("feature-management", root.GetProperty("engine").GetString());
        Assert.Equal("DEDUP_JOB_ENABLED", root.GetProperty("flag").GetString());
        Assert.Equal("rollback", root.GetProperty("stage").GetString());
        Assert.Equal(0, root.GetProperty("objects").GetArrayLength());
        Assert.Contains(root.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("subject").GetString() == "point of no return");
    }

    [Fact]
    public void The_readme_shows_the_flag_the_tool_writes()
    {
        using var folder = new TempFolder("flags");
        var result = Tool.Run("export", "flagd", Tool.SamplePlan("new-checkout-flow"), "--stage", "staged", "-o", folder.Path);
        Assert.True(result.ExitCode == 0, result.ToString());
        var file = File.ReadAllText(Path.Combine(folder.Path, "new-checkout-flow.flagd.json"));
        var start = file.IndexOf("    \"NEW_CHECKOUT_ENABLED\": {", System.StringComparison.Ordinal);
        var end = file.IndexOf("\n    }\n", start, System.StringComparison.Ordinal) + "\n    }\n".Length;
        Assert.True(start > 0 && end > start, file);
        Assert.Contains(file.Substring(start, end - start), File.ReadAllText(RepoPaths.Combine("README.md")).Replace("\r\n", "\n"));
    }
}
