using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Rollout.Cli.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Rollout.Cli.Tests.Docs;

/// <summary>
/// The scripts the pipelines of docs/pipelines.md call, run with bash and the real `rollout` tool (a shim on PATH runs
/// this build's rollout.dll): the pull-request check on the sample plans, and the gate loop against a stand-in Prometheus.
/// </summary>
public sealed class PipelineScriptsTests : IDisposable
{
    private readonly ITestOutputHelper _log;
    private readonly TempFolder _folder = new("rollout-pipelines");
    private readonly string _bin;

    public PipelineScriptsTests(ITestOutputHelper log)
    {
        _log = log;
        _bin = Path.Combine(_folder.Path, "bin");
        Directory.CreateDirectory(_bin);
        var shim = Path.Combine(_bin, "rollout");
        File.WriteAllText(shim, "#!/bin/sh\nexec \"" + Command.DotNet + "\" \"" + Path.Combine(AppContext.BaseDirectory, "rollout.dll") + "\" \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => _folder.Dispose();

    private CommandResult Script(string script, params string[] arguments)
    {
        var environment = new Dictionary<string, string> { ["PATH"] = _bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH") };
        var result = Command.RunProgram("bash", RepoPaths.Root, TimeSpan.FromMinutes(3), environment, new[] { RepoPaths.Combine("scripts", script) }.Concat(arguments).ToArray());
        _log.WriteLine(result.Describe());
        return result;
    }

    [Fact]
    public void The_pr_check_passes_unchanged_plans_and_asks_a_second_reviewer_for_riskier_ones()
    {
        var comment = Path.Combine(_folder.Path, "plan-diff.md");

        var unchanged = Script("rollout-pr-check.sh", Tool.SamplePlans + "/", Tool.SamplePlans + "/", comment);
        Assert.Equal(0, unchanged.ExitCode);
        Assert.Contains("rollout-pr-check: rollout plans unchanged", unchanged.Output, StringComparison.Ordinal);

        var edited = EditedPlans.Write(_folder);
        // The edited set lacks an owner (not ready): the check refuses it before diffing.
        var notReady = Script("rollout-pr-check.sh", Tool.SamplePlans + "/", edited + "/", comment);
        Assert.Equal(2, notReady.ExitCode);
        Assert.Contains("the head's plans are not ready", notReady.Output, StringComparison.Ordinal);

        File.WriteAllText(Path.Combine(edited, "dark-mode-toggle.plan.json"), File.ReadAllText(Tool.SamplePlan("dark-mode-toggle")));
        var riskier = Script("rollout-pr-check.sh", Tool.SamplePlans + "/", edited + "/", comment);
        Assert.Equal(3, riskier.ExitCode);
        Assert.Contains("needs a second reviewer", riskier.Output, StringComparison.Ordinal);
        Assert.Equal(Tool.Run("diff", Tool.SamplePlans, edited, "--format", "markdown").Output, File.ReadAllText(comment));
    }

    [Fact]
    public void The_gate_loop_advances_on_a_healthy_service()
    {
        using var server = new FakePrometheus((_, _) => (200, FakePrometheus.Vector("0")));

        var result = Script("rollout-gate-loop.sh", Tool.SamplePlan("new-checkout-flow"), "staged", server.Url, "0", "3");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("rollout-gate-loop: advance: promote past stage staged", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_gate_loop_stops_with_20_on_the_first_crossed_rollback_stop_loss()
    {
        using var server = new FakePrometheus((query, _) => (200, FakePrometheus.Vector(query.Contains("5..", StringComparison.Ordinal) && query.Contains("[5m]", StringComparison.Ordinal) ? "3" : "0")));

        var result = Script("rollout-gate-loop.sh", Tool.SamplePlan("new-checkout-flow"), "canary", server.Url, "0", "5");

        Assert.Equal(20, result.ExitCode);
        Assert.Contains("ROLL BACK now", result.Output, StringComparison.Ordinal);
        Assert.All(server.Asked.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public void The_gate_loop_gives_up_with_10_after_its_last_try_without_data()
    {
        using var server = new FakePrometheus((_, _) => (200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));

        var result = Script("rollout-gate-loop.sh", Tool.SamplePlan("new-checkout-flow"), "canary", server.Url, "0", "2");

        Assert.Equal(10, result.ExitCode);
        Assert.Contains("hold (2 of 2)", result.Output, StringComparison.Ordinal);
        Assert.Contains("still holding after 2 tries", result.Output, StringComparison.Ordinal);
    }
}
