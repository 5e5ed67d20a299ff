using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using CheckoutService.Specs;

namespace Rollout.Semantics.Tests;

/// <summary>The single-point decision the gate answers, through a fake source (no HTTP).</summary>
public sealed class StageGateTests
{
    private sealed class Fixed : IMeasurementSource
    {
        private readonly Dictionary<string, Reading> _readings;

        public Fixed(Dictionary<string, Reading> readings) => _readings = readings;

        public List<MeasurementRequest> Asked { get; } = new();

        public ValueTask<Reading> ReadAsync(MeasurementRequest request, CancellationToken cancellationToken = default)
        {
            Asked.Add(request);
            return new ValueTask<Reading>(_readings.TryGetValue(request.Metric.Name, out var reading) ? reading : Reading.Failed(ReadingProblem.NoData, "not in the fake"));
        }
    }

    private static readonly DateTimeOffset Now = TimelineBuilder.T0;

    /// <summary>The dedup plan's stage <paramref name="stage"/> (started 3 h ago) with these false-merge rate and no merge errors.</summary>
    private static Task<StageEvaluation> Dedup(string stage, double falseMergeRate)
    {
        var program = ReleaseProgram.Compile(ContactDeduplication.Plan());
        var source = new Fixed(new() { ["false_merge_rate"] = Reading.Of(falseMergeRate), ["merge_errors"] = Reading.Of(0) });
        return StageGate.EvaluateAsync(program, program.StageIndexOf(stage), Now - TimeSpan.FromHours(3), Now, source);
    }

    [Fact]
    public async Task A_crossed_rollback_stop_loss_past_the_point_of_no_return_halts_with_the_forward_fix()
    {
        var result = await Dedup("half", 0.2);

        Assert.Equal(Decision.Halt, result.Decision);
        Assert.Equal(EvaluationCause.ForwardFixRequired, result.Cause);
        Assert.Equal("stop-loss crossed: false_merge_rate > 0.05 % (observed 0.2 %); the point of no return was passed when 'half' started, so nothing rolls back automatically: "
            + "halt and fix forward: finish the merge, then re-split wrong merges from backup with restore-originals.py (owner: data-eng on-call)", result.Reason);
    }

    [Fact]
    public async Task The_same_crossing_before_the_point_of_no_return_rolls_back()
    {
        var result = await Dedup("pilot", 0.2);

        Assert.Equal(Decision.RollBack, result.Decision);
    }

    [Fact]
    public async Task A_stage_before_the_point_of_no_return_holds_for_a_person_when_everything_passes()
    {
        var result = await Dedup("pilot", 0.001);

        Assert.Equal(Decision.Hold, result.Decision);
        Assert.Equal(EvaluationCause.WaitingForPerson, result.Cause);
        Assert.Equal("all 2 stop-loss(es) clear and all 2 advance gate(s) pass, but the point of no return is passed when 'half' starts; "
            + "waiting for a person in role release engineer or on-call engineer to approve", result.Reason);
    }

    [Fact]
    public async Task Every_check_is_read_over_its_own_window_stop_losses_first()
    {
        var program = ReleaseProgram.Compile(NewCheckoutFlow.Plan());
        var source = new Fixed(new() { ["error_rate"] = Reading.Of(0.02), ["latency_p99"] = Reading.Of(190), ["payment_errors"] = Reading.Of(0) });

        var result = await StageGate.EvaluateAsync(program, 1, null, Now, source);

        Assert.Equal(Decision.Advance, result.Decision);
        Assert.Equal(new[] { "error_rate 5 min", "payment_errors 5 min", "error_rate 4 h", "latency_p99 4 h", "payment_errors 4 h" },
            source.Asked.Select(r => r.Metric.Name + " " + (r.Window.TotalHours >= 1 ? r.Window.TotalHours + " h" : r.Window.TotalMinutes + " min")));
        Assert.All(source.Asked, r => Assert.Equal(Now, r.At));
        Assert.Contains("[4h]", result.Checks[2].Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_that_is_not_finite_is_no_data()
    {
        var program = ReleaseProgram.Compile(NewCheckoutFlow.Plan());
        var source = new Fixed(new() { ["error_rate"] = Reading.Of(double.NaN), ["latency_p99"] = Reading.Of(190), ["payment_errors"] = Reading.Of(0) });

        var result = await StageGate.EvaluateAsync(program, 0, null, Now, source);

        Assert.Equal(Decision.Hold, result.Decision);
        Assert.Equal("stop-loss error_rate > 0.5 % could not be evaluated: the value is NaN, not a finite number", result.Reason);
    }
}
