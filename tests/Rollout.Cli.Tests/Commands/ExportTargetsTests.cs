using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Rollout.Cli.Tests.Infrastructure;
using Rollout.Export.Targets;

namespace Rollout.Cli.Tests.Commands;

/// <summary>
/// <c>rollout export &lt;target&gt;</c> is built from the registered targets: each subcommand has that target's options and
/// the shared ones, nothing else; a target the tool does not ship (<see cref="ToyTarget"/>) gets a subcommand and the
/// shared output path from one registration; a registration that would shadow a shared option fails at startup.
/// </summary>
public sealed class ExportTargetsTests : IDisposable
{
    /// <summary>What every export subcommand has besides its target's options.</summary>
    private static readonly string[] Shared = ["-o", "--output", "--strict", "--format", "-?", "-h", "--help"];

    private readonly TempFolder _folder = new("export-targets");

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string[]> BuiltinOptions() => new()
    {
        { "argo", ["--workload", "--service", "--namespace", "--prometheus", "--prometheus-address", "--replicas", "--traffic-router", "--scale-down"] },
        { "flagger", ["--workload", "--service", "--namespace", "--prometheus", "--prometheus-address", "--replicas", "--mesh-provider", "--prometheus-secret", "--gate-url"] },
        { "flagd", ["--flag", "--stage", "--rollback"] },
        { "feature-management", ["--flag", "--stage", "--rollback"] },
    };

    [Theory]
    [MemberData(nameof(BuiltinOptions))]
    public void Help_lists_exactly_the_targets_own_options_and_the_shared_ones(string target, string[] own)
    {
        var help = Tool.Run("export", target, "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Equal(own.Concat(Shared).Order(StringComparer.Ordinal), HelpSpellings(help.Output).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_registered_target_is_a_subcommand_whose_help_is_its_declaration()
    {
        var export = Tool.Run("export", "--help");
        Assert.Equal(ExportTargets.Builtin.All.Select(t => t.Name), HelpCommands(export.Output));
        foreach (var target in ExportTargets.Builtin.All)
        {
            var help = Tool.Run("export", target.Name, "--help").Output;
            Assert.Equal(target.Options.SelectMany(o => o.Spellings).Concat(Shared).Order(StringComparer.Ordinal), HelpSpellings(help).Order(StringComparer.Ordinal));
            Assert.Contains("Example: " + target.Example, help, StringComparison.Ordinal);
            Assert.Contains("Exit codes: 0 written", help, StringComparison.Ordinal);
            Assert.Contains("Folder to write " + target.FileName("<plan-id>") + " into", help, StringComparison.Ordinal);
            // The usage takes one plan file, nothing "passed to the application" (System.CommandLine's text when unmatched tokens are allowed).
            Assert.DoesNotContain("additional arguments", help, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Flaggers_gate_url_is_refused_by_export_argo_in_one_line()
    {
        var result = Tool.Run("export", "argo", Tool.SamplePlan("new-checkout-flow"), "-o", _folder.Path, "--prometheus", "http://p:9090", "--gate-url", "http://gate.shop.svc/open");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal("rollout: export argo has no option --gate-url (export flagger has it); run 'rollout export argo --help' for its options.\n", result.Error);
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void Every_option_of_another_target_is_refused_naming_the_targets_that_have_it()
    {
        var targets = ExportTargets.Builtin.All;
        var checkedPairs = 0;
        foreach (var target in targets)
        {
            var own = target.Options.SelectMany(o => o.Spellings).ToHashSet(StringComparer.Ordinal);
            foreach (var spelling in targets.SelectMany(t => t.Options).SelectMany(o => o.Spellings).Distinct().Where(s => !own.Contains(s)))
            {
                var result = Tool.Run(["export", target.Name, Tool.SamplePlan("new-checkout-flow"), "-o", _folder.Path, .. RequiredOf(target), spelling, "x"]);
                var owners = targets.Where(t => t.Options.Any(o => o.Spellings.Contains(spelling))).Select(t => "export " + t.Name);
                Assert.True(result.ExitCode == 2, spelling + " on export " + target.Name + ": " + result);
                Assert.Equal("rollout: export " + target.Name + " has no option " + spelling + " (" + string.Join(" and ", owners) + (owners.Count() == 1 ? " has it" : " have it")
                    + "); run 'rollout export " + target.Name + " --help' for its options.\n", result.Error);
                checkedPairs++;
            }
        }
        Assert.True(checkedPairs >= 20, "only " + checkedPairs + " foreign options were tried");
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void A_second_argument_and_an_unknown_option_are_one_line_each()
    {
        var plan = Tool.SamplePlan("new-checkout-flow");
        Assert.Equal("rollout: export flagd takes one plan file; 'more.json' is one argument too many; run 'rollout export flagd --help' for its options.\n",
            Tool.Run("export", "flagd", plan, "more.json", "--stage", "canary", "-o", _folder.Path).Error);
        Assert.Equal("rollout: export flagd has no option --colour; run 'rollout export flagd --help' for its options.\n",
            Tool.Run("export", "flagd", plan, "--colour=red", "--stage", "canary", "-o", _folder.Path).Error);
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void A_registered_toy_target_is_a_subcommand_with_only_its_options()
    {
        var targets = ExportTargets.Builtin.With(new ToyTarget());

        var export = Tool.RunWith(targets, "export", "--help");
        Assert.Equal(["argo", "flagger", "flagd", "feature-management", "toy"], HelpCommands(export.Output));
        var help = Tool.RunWith(targets, "export", "toy", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Equal(new[] { "--greeting", "--loud", "--times" }.Concat(Shared).Order(StringComparer.Ordinal), HelpSpellings(help.Output).Order(StringComparer.Ordinal));
        Assert.Contains("Example: rollout export toy rollout/new-checkout-flow.plan.json --greeting hello -o toys/", help.Output, StringComparison.Ordinal);
        Assert.Contains("what the target cannot express (everything but the stage names)", help.Output, StringComparison.Ordinal);

        Assert.DoesNotContain("--greeting", Tool.RunWith(targets, "export", "argo", "--help").Output, StringComparison.Ordinal);
        var foreign = Tool.RunWith(targets, "export", "argo", Tool.SamplePlan("new-checkout-flow"), "-o", _folder.Path, "--prometheus", "http://p:9090", "--greeting", "hi");
        Assert.Equal("rollout: export argo has no option --greeting (export toy has it); run 'rollout export argo --help' for its options.\n", foreign.Error);
        Assert.Equal(2, Tool.RunWith(targets, "export", "toy", Tool.SamplePlan("new-checkout-flow"), "-o", _folder.Path).ExitCode); // --greeting is required
    }

    [Fact]
    public void A_toy_targets_file_goes_through_the_shared_output_path()
    {
        var targets = ExportTargets.Builtin.With(new ToyTarget());
        var output = Path.Combine(_folder.Path, "toys", "new");
        var written = Path.Combine(output, "new-checkout-flow.toy.txt");

        var result = Tool.RunWith(targets, "export", "toy", Tool.SamplePlan("new-checkout-flow"), "-o", output, "--greeting", "hello", "--times", "2");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("hello hello, canary\nhello hello, staged\nhello hello, full\n", File.ReadAllText(written));
        Assert.Equal("wrote " + written + " (3 greeting(s); 0 warning(s), 0 approximation(s)).\n", result.Output);

        var json = Tool.RunWith(targets, "export", "toy", Tool.SamplePlan("new-checkout-flow"), "-o", output, "--greeting", "hello", "--loud", "--format", "json");
        Assert.True(json.ExitCode == 0, json.ToString());
        using (var report = JsonDocument.Parse(json.Output))
        {
            Assert.Equal("toy", report.RootElement.GetProperty("engine").GetString());
            Assert.Equal(written, report.RootElement.GetProperty("file").GetString());
            Assert.Equal(0, report.RootElement.GetProperty("objects").GetArrayLength());
            Assert.Equal("tone", Assert.Single(report.RootElement.GetProperty("warnings").EnumerateArray()).GetProperty("subject").GetString());
        }
        Assert.Equal("HELLO, canary\nHELLO, staged\nHELLO, full\n", File.ReadAllText(written));

        Directory.Delete(Path.Combine(_folder.Path, "toys"), recursive: true);
        var refused = Tool.RunWith(targets, "export", "toy", Tool.SamplePlan("new-checkout-flow"), "-o", output, "--greeting", "hello", "--loud", "--strict");
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal("warning: approximation tone: the plan never asked to shout.\n--strict: toy only approximates plan 'new-checkout-flow' (1 approximation(s) above); nothing written.\n", refused.Output);
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "toys")), "a refused export created its output folder");
    }

    [Fact]
    public void A_toy_targets_errors_are_one_line_exit_2_the_plans_named_by_its_file()
    {
        var targets = ExportTargets.Builtin.With(new ToyTarget());

        var blank = Tool.RunWith(targets, "export", "toy", Tool.SamplePlan("new-checkout-flow"), "-o", _folder.Path, "--greeting", " ");
        Assert.Equal(2, blank.ExitCode);
        Assert.Equal("rollout: --greeting is blank; say something, e.g. --greeting hello.\n", blank.Error);

        var plan = Tool.SamplePlan("contact-dedup-job");
        var pointOfNoReturn = Tool.RunWith(targets, "export", "toy", plan, "-o", _folder.Path, "--greeting", "hi");
        Assert.Equal(2, pointOfNoReturn.ExitCode);
        Assert.Equal("rollout: " + plan + ": Plan 'contact-dedup-job' has a point of no return; a toy cannot keep it.\n", pointOfNoReturn.Error);
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Theory]
    [InlineData("--output")]
    [InlineData("-o")]
    [InlineData("--strict")]
    [InlineData("--format")]
    [InlineData("-h")]
    public void A_target_that_declares_a_shared_option_fails_when_the_tool_is_built(string spelling)
    {
        var clash = new ExportOption(ExportOptionKind.Text, "--toy-" + spelling.TrimStart('-'), "Clashes through its alias.") { Aliases = [spelling] };
        var targets = ExportTargets.Builtin.With(new ToyTarget(clash));

        var problem = Assert.Throws<InvalidOperationException>(() => Tool.RunWith(targets, "validate", "--help"));
        Assert.StartsWith("export target 'toy' declares option " + spelling + ", which every export target already has (", problem.Message, StringComparison.Ordinal);
    }

    /// <summary>The option spellings in a help text's Options section: "  -o, --output &lt;dir&gt; (REQUIRED)  Folder ..." gives -o and --output.</summary>
    private static List<string> HelpSpellings(string help) =>
        Section(help, "Options:").SelectMany(line => line.Trim().Split("  ")[0].Split(", ")).Select(s => s.Split(' ')[0]).ToList();

    /// <summary>The subcommand names in a help text's Commands section.</summary>
    private static List<string> HelpCommands(string help) =>
        Section(help, "Commands:").Where(line => !line.StartsWith("   ", StringComparison.Ordinal)).Select(line => line.Trim().Split(' ')[0]).ToList();

    private static IEnumerable<string> Section(string help, string heading) =>
        help.Replace("\r\n", "\n").Split('\n').SkipWhile(line => line != heading).Skip(1).TakeWhile(line => line.Length > 0);

    /// <summary>Values for a target's required options, so a command line gets past parsing to the target.</summary>
    private static IEnumerable<string> RequiredOf(IExportTarget target) =>
        target.Options.Where(o => o.Required).SelectMany(o => new[] { o.Name, "http://prometheus.monitoring:9090" });
}
