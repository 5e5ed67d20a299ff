using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CheckoutService.Specs;
using Rollout.Dsl;
using Rollout.Semantics;

namespace Rollout.Gates.Tests;

/// <summary>
/// GateEvaluator's decisions without HTTP: the same evaluator, reading through a fake measurement source
/// (the seam), including the point-of-no-return rule of issue 18 item 8.
/// </summary>
public sealed class SourceGateTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private sealed class Fake : IMeasurementSource
    {
        private readonly Dictionary<string, Reading> _readings;

        public Fake(Dictionary<string, Reading> readings) => _readings = readings;

        public ValueTask<Reading> ReadAsync(MeasurementRequest request, CancellationToken cancellationToken = default) =>
            new(_readings.TryGetValue(request.Metric.Name, out var reading) ? reading : Reading.Failed(ReadingProblem.NoData, "no series"));
    }

    /// <summary>Always <see cref="Now"/> (its own, so this file leaves the shared fixtures alone).</summary>
    private sealed class Clock : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static Task<GateResult> Evaluate(RolloutPlan plan, string stage, Dictionary<string, Reading> readings, DateTimeOffset? startedAt = null) =>
        new GateEvaluator(new Fake(readings), new GateOptions { Time = new Clock() }).EvaluateAsync(plan, stage, startedAt);

    [Fact]
    public async Task A_crossed_rollback_stop_loss_past_the_point_of_no_return_halts_with_the_forward_fix_never_rolls_back()
    {
        var result = await Evaluate(ContactDeduplication.Plan(), "half", new() { ["false_merge_rate"] = Reading.Of(0.2), ["merge_errors"] = Reading.Of(0) });

        Assert.Equal(Decision.Halt, result.Decision);
        Assert.Equal(30, result.ExitCode);
        Assert.Contains("stop-loss crossed: false_merge_rate > 0.05 % (observed 0.2 %)", result.Reason, StringComparison.Ordinal);
        Assert.Contains("fix forward: finish the merge, then re-split wrong merges from backup with restore-originals.py (owner: data-eng on-call)", result.Reason, StringComparison.Ordinal);
        Assert.Equal(Verdict.Crossed, result.Checks[0].Verdict);
    }

    [Fact]
    public async Task The_same_crossing_at_the_stage_before_the_point_of_no_return_rolls_back()
    {
        var result = await Evaluate(ContactDeduplication.Plan(), "pilot", new() { ["false_merge_rate"] = Reading.Of(0.2), ["merge_errors"] = Reading.Of(0) });

        Assert.Equal(Decision.RollBack, result.Decision);
        Assert.Equal("stop-loss crossed: false_merge_rate > 0.05 % (observed 0.2 %); roll back now", result.Reason);
    }

    [Fact]
    public async Task Every_kind_of_reading_problem_holds_with_its_detail()
    {
        foreach (var problem in Enum.GetValues<ReadingProblem>())
        {
            var result = await Evaluate(NewCheckoutFlow.Plan(), "canary",
                new() { ["error_rate"] = Reading.Failed(problem, "detail of " + problem), ["latency_p99"] = Reading.Of(190), ["payment_errors"] = Reading.Of(0) });

            Assert.Equal(Decision.Hold, result.Decision);
            Assert.Equal("stop-loss error_rate > 0.5 % could not be evaluated: detail of " + problem, result.Reason);
            Assert.Equal(Verdict.NoData, result.Checks[0].Verdict);
        }
    }

    [Fact]
    public async Task Healthy_readings_advance_and_the_time_left_holds_before_the_window_has_run()
    {
        var healthy = new Dictionary<string, Reading> { ["error_rate"] = Reading.Of(0.02), ["latency_p99"] = Reading.Of(190), ["payment_errors"] = Reading.Of(0) };

        var done = await Evaluate(NewCheckoutFlow.Plan(), "canary", healthy);
        var early = await Evaluate(NewCheckoutFlow.Plan(), "canary", healthy, startedAt: Now - TimeSpan.FromMinutes(10));

        Assert.Equal(Decision.Advance, done.Decision);
        Assert.Equal("all 2 stop-loss(es) clear and all 2 advance gate(s) pass", done.Reason);
        Assert.Equal(new[] { "error_rate", "payment_errors", "error_rate", "latency_p99" }, done.Checks.Select(c => c.Condition.Metric.Name));
        Assert.Equal(Decision.Hold, early.Decision);
        Assert.Equal("stage 'canary' must run 20 min longer before it may advance", early.Reason);
        Assert.Equal(TimeSpan.FromMinutes(20), early.TimeLeft);
    }

    [Fact]
    public async Task The_stage_before_the_point_of_no_return_holds_for_a_person_when_everything_passes()
    {
        var result = await Evaluate(ContactDeduplication.Plan(), "pilot", new() { ["false_merge_rate"] = Reading.Of(0.001), ["merge_errors"] = Reading.Of(0) });

        Assert.Equal(Decision.Hold, result.Decision);
        Assert.EndsWith("waiting for a person in role release engineer or on-call engineer to approve", result.Reason, StringComparison.Ordinal);
    }
}
