using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Json.Schema;
using Rollout.Cli.Tests.Infrastructure;

namespace Rollout.Cli.Tests.Commands;

/// <summary>
/// `rollout simulate` on the committed sample plans and sample timelines: the trace in each format, the exit code
/// (the final state's gate code), and malformed input (exit 2, one line saying file:line or file: JSON path, nothing on stdout).
/// </summary>
public sealed class SimulateCommandTests : IDisposable
{
    private readonly TempFolder _folder = new("rollout-simulate-tests");

    public void Dispose() => _folder.Dispose();

    private static string Simulations(string name) => RepoPaths.Combine("samples", "CheckoutService", "simulations", name);

    private const string HealthyCheckoutCsv = "time,metric,value\n-10m,error_rate,0.02\n-10m,latency_p99,190\n-10m,payment_errors,0\n";

    private static CliResult Simulate(string plan, params string[] more) =>
        Tool.Run(new[] { "simulate", Tool.SamplePlan(plan) }.Concat(more).ToArray());

    [Fact]
    public void The_sample_csv_timeline_rolls_back_a_held_canary_with_exit_20()
    {
        var result = Simulate("new-checkout-flow", "--timeline", Simulations("new-checkout-flow.slow-then-burning.csv"), "--start", "2026-12-06T08:00:00Z");

        Assert.Equal(20, result.ExitCode);
        Assert.Equal("", result.Error);
        Assert.Equal(new[]
        {
            "rollout simulate: plan new-checkout-flow, 2026-12-06 08:00:00 UTC to 2026-12-07 08:30:00 UTC, stop-losses every 1 min",
            "+0 s          2026-12-06 08:00:00 UTC  canary  stage started: 1 % of traffic (internal users only); it must run 30 min before it may advance",
            "+30 min       2026-12-06 08:30:00 UTC  canary  hold: advance gate not met: latency_p99 < 400 ms (observed 480 ms)",
            "+1 h 3 min    2026-12-06 09:03:00 UTC  canary  roll back: stop-loss crossed: error_rate > 0.5 % (observed 0.548 %); roll back now",
            "final: rolled back (exit 20) at stage canary",
        }, result.Output.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void The_sample_json_timeline_requires_a_forward_fix_after_the_point_of_no_return_with_exit_30()
    {
        var result = Simulate("contact-dedup-job", "--timeline", Simulations("contact-dedup-job.after-the-point-of-no-return.json"), "--format", "json");

        Assert.Equal(30, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal("halted", root.GetProperty("final").GetString());
        Assert.Equal(30, root.GetProperty("exitCode").GetInt32());
        Assert.Equal("half", root.GetProperty("finalStage").GetString());
        Assert.Equal("2026-12-06T08:00:00Z", root.GetProperty("start").GetString());
        var events = root.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("offset").GetString() + " " + e.GetProperty("event").GetString()).ToArray();
        Assert.Equal(new[] { "PT0S stageStarted", "PT2H waitingForPerson", "PT2H30M approved", "PT2H30M pointOfNoReturnPassed", "PT2H30M stageStarted", "PT6H40M hold", "PT7H5M forwardFixRequired" }, events);
        var last = root.GetProperty("events").EnumerateArray().Last().GetProperty("reason").GetString();
        Assert.Contains("fix forward: finish the merge, then re-split wrong merges from backup with restore-originals.py (owner: data-eng on-call)", last, StringComparison.Ordinal);
        Assert.DoesNotContain("rollBack", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_healthy_timeline_completes_with_exit_0_and_markdown_lists_every_event()
    {
        var timeline = _folder.Write("healthy.csv", HealthyCheckoutCsv);

        var result = Simulate("new-checkout-flow", "--timeline", timeline, "--start", "2026-12-06T08:00:00Z", "--format", "markdown");

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("### rollout simulate: new-checkout-flow\n\n**final: completed (exit 0) at stage full**\n\n| after | time | stage | event | reason |", result.Output, StringComparison.Ordinal);
        Assert.Contains("| \\+24 h 30 min | 2026-12-07 08:30:00 UTC | full | completed | 'full' has all the traffic with every stop-loss clear: the rollout is complete |", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Actions_in_their_own_file_let_a_person_pass_the_point_of_no_return()
    {
        var timeline = _folder.Write("dedup.csv", "time,metric,value\n-1h,merge_errors,0\n-1h,false_merge_rate,0.001\n");
        var actions = _folder.Write("actions.csv", "time,action,role\n+2h10m,approve,product\n+2h20m,approve,On-call engineer\n");

        var result = Simulate("contact-dedup-job", "--timeline", timeline, "--actions", actions, "--until", "+3h");

        Assert.Equal(10, result.ExitCode);
        Assert.Contains("+2 h 10 min", result.Output, StringComparison.Ordinal);
        Assert.Contains("action ignored: approve by 'product' changes nothing: the plan lets only 'release engineer' or 'on-call engineer' approve here", result.Output, StringComparison.Ordinal);
        Assert.Contains("half  point of no return passed", result.Output, StringComparison.Ordinal);
        Assert.EndsWith("final: still holding (exit 10) at stage half\n", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_trace_is_the_same_in_every_culture()
    {
        var timeline = Simulations("new-checkout-flow.slow-then-burning.csv");
        var invariant = Simulate("new-checkout-flow", "--timeline", timeline, "--format", "json");

        Assert.Equal(invariant.Output, CultureScope.Run("de-DE", () => Simulate("new-checkout-flow", "--timeline", timeline, "--format", "json")).Output);
        Assert.Equal(invariant.Output, CultureScope.Run("tr-TR", () => Simulate("new-checkout-flow", "--timeline", timeline, "--format", "json")).Output);
    }

    [Theory]
    [InlineData("time,metric,value\n-10m,error_rate,0.02\n\n# a comment\n+5m,error_rate,abc\n", ":5: value 'abc' is not a number or one of gap, error, stale, multi.")]
    [InlineData("-10m,error_rate,0.02\n08:00,error_rate,0.1\n", ":2: time '08:00' is not an ISO 8601 time such as 2026-12-06T08:00:00Z or an offset from the start such as +30m, -10m or +1d2h.")]
    [InlineData("time,metric,value\n+1m,error_rate\n", ":2: expected time,metric,value[,detail], found 2 field(s): '+1m,error_rate'")]
    [InlineData("time,metric,value\n+1m,eror_rate,0.1\n", ":2: metric 'eror_rate' is not one plan 'new-checkout-flow' watches; its metrics are error_rate, latency_p99, payment_errors.")]
    [InlineData("time,metric,value\n+1m,error_rate,0.1\n+1m,error_rate,gap\n", ":3: metric 'error_rate' already has a point at this time (")]
    [InlineData("time,metric,value\n+1m,error_rate,NaN\n", ":2: value 'NaN' is not a number or one of gap, error, stale, multi.")]
    [InlineData("time,metric,value\n2026-12-06T08:00:00,error_rate,0.1\n", ":2: time '2026-12-06T08:00:00' is not an ISO 8601 time")]
    public void A_malformed_csv_timeline_exits_2_naming_the_line(string csv, string message)
    {
        var timeline = _folder.Write("bad.csv", csv);

        var result = Simulate("new-checkout-flow", "--timeline", timeline);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.StartsWith("rollout: " + timeline + message, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [InlineData("{ \"metrics\": { \"error_rate\": [ { \"at\": \"+0m\", \"value\": 0.02 }, ] } }", ": line 1, column ", "malformed JSON")]
    [InlineData("{ \"metrics\": { \"error_rate\": [ { \"at\": \"+0m\", \"value\": 0.02 }, { \"at\": \"+5m\", \"value\": \"high\" } ] } }", ": metrics.error_rate[1].value: \"high\" is not a number or one of gap, error, stale, multi.", null)]
    [InlineData("{ \"metrics\": { \"error_rate\": [ { \"at\": \"soon\", \"value\": 1 } ] } }", ": metrics.error_rate[0].at: \"soon\" is not an ISO 8601 time", null)]
    [InlineData("{ \"metric\": {} }", ": metric: unknown property; expected start, staleAfter, metrics, actions.", null)]
    [InlineData("{ \"metrics\": {}, \"actions\": [ { \"at\": \"+1h\", \"action\": \"approv\", \"role\": \"on-call engineer\" } ] }", ": actions[0].action: expected approve, promote or abort.", null)]
    [InlineData("{ \"metrics\": {}, \"staleAfter\": \"10m\" }", ": staleAfter: expected a positive ISO 8601 duration such as PT10M.", null)]
    public void A_malformed_json_timeline_exits_2_naming_the_json_path(string json, string message, string? more)
    {
        var timeline = _folder.Write("bad.json", json);

        var result = Simulate("new-checkout-flow", "--timeline", timeline);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.StartsWith("rollout: " + timeline + message, result.Error, StringComparison.Ordinal);
        if (more is not null) Assert.Contains(more, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_actions_file_and_bad_options_exit_2()
    {
        var timeline = _folder.Write("ok.csv", HealthyCheckoutCsv);
        var actions = _folder.Write("actions.csv", "time,action,role\n+1h,approve,\n");

        var badActions = Simulate("new-checkout-flow", "--timeline", timeline, "--actions", actions);
        var badStart = Simulate("new-checkout-flow", "--timeline", timeline, "--start", "+1h");
        var backwards = Simulate("new-checkout-flow", "--timeline", timeline, "--start", "2026-12-06T08:00:00Z", "--until", "-1h");
        var missing = Simulate("new-checkout-flow", "--timeline", Path.Combine(_folder.Path, "nope.csv"));
        var endless = Simulate("new-checkout-flow", "--timeline", timeline, "--until", "+36500d");
        var century = Simulate("new-checkout-flow", "--timeline", timeline, "--until", "+36526d");

        Assert.Equal("rollout: " + actions + ":2: the role is empty; name the role of the person, e.g. on-call engineer.\n", badActions.Error);
        Assert.StartsWith("rollout: --start: '+1h' is not a time", badStart.Error, StringComparison.Ordinal);
        Assert.StartsWith("rollout: --until: the run would end before it starts", backwards.Error, StringComparison.Ordinal);
        Assert.Equal("rollout: " + Path.Combine(_folder.Path, "nope.csv") + ": no such file; pass the timeline file (.csv or .json).\n", missing.Error);
        Assert.StartsWith("rollout: --until: from 1970-01-01 00:00:00 UTC to 2069-12-07 00:00:00 UTC is more than 1100000 evaluations at the plan's cadence of 1 min", endless.Error, StringComparison.Ordinal);
        Assert.StartsWith("rollout: --until: '+36526d' is not an ISO 8601 time", century.Error, StringComparison.Ordinal);
        Assert.All(new[] { badActions, badStart, backwards, missing, endless, century }, r => Assert.Equal((2, ""), (r.ExitCode, r.Output)));
    }

    [Fact]
    public void The_sample_json_timeline_matches_its_schema_and_a_bad_one_does_not()
    {
        var schema = JsonSchema.FromText(File.ReadAllText(RepoPaths.Combine("schemas", "rollout-timeline.v1.schema.json")));
        using var sample = JsonDocument.Parse(File.ReadAllText(Simulations("contact-dedup-job.after-the-point-of-no-return.json")));
        using var bad = JsonDocument.Parse("{ \"metrics\": { \"error_rate\": [ { \"at\": \"+0m\", \"value\": \"high\" } ] } }");

        Assert.True(schema.Evaluate(sample.RootElement).IsValid);
        Assert.False(schema.Evaluate(bad.RootElement).IsValid);
    }
}
