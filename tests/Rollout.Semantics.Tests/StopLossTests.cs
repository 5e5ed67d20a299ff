using System;
using CheckoutService.Specs;
using static Rollout.Semantics.Tests.Runs;

namespace Rollout.Semantics.Tests;

/// <summary>Stop-losses are live in every step before the point of no return, and act with nobody asked.</summary>
public sealed class StopLossTests
{
    private static TimelineBuilder HealthyCheckout() =>
        new TimelineBuilder().Value("error_rate", -10, 0.02).Value("latency_p99", -10, 190).Value("payment_errors", -10, 0);

    private static TimelineBuilder HealthyDedup() =>
        new TimelineBuilder().Value("merge_errors", -60, 0).Value("false_merge_rate", -60, 0.001);

    [Fact]
    public void A_breach_during_the_observation_window_rolls_back_once_the_5_minute_mean_crosses()
    {
        // At +13 min the last 5 minutes are 3 min at 0.9 % and 2 min at 0.02 %: mean 0.548 % > 0.5 %.
        var trace = Of(NewCheckoutFlow.Plan(), HealthyCheckout().Value("error_rate", 10, 0.9).Build(), untilMinutes: 120);

        Assert.Equal(new[] { "+0m StageStarted canary", "+13m RollBack canary" }, Lines(trace));
        Assert.Equal("stop-loss crossed: error_rate > 0.5 % (observed 0.548 %); roll back now", trace.Events[1].Reason);
        Assert.Equal(Decision.RollBack, trace.Final);
        Assert.Equal(20, trace.ExitCode);
    }

    [Fact]
    public void A_breach_while_a_gate_holds_still_rolls_back()
    {
        var timeline = new TimelineBuilder()
            .Value("error_rate", -10, 0.02).Value("latency_p99", -10, 500).Value("payment_errors", -10, 0)
            .Value("error_rate", 60, 0.9).Build();

        var trace = Of(NewCheckoutFlow.Plan(), timeline, untilMinutes: 240);

        Assert.Equal(new[] { "+0m StageStarted canary", "+30m Hold canary", "+63m RollBack canary" }, Lines(trace));
        Assert.Equal("advance gate not met: latency_p99 < 400 ms (observed 500 ms)", trace.Events[1].Reason);
    }

    [Fact]
    public void A_breach_while_waiting_for_a_person_before_the_point_of_no_return_rolls_back()
    {
        // Every 5 min over 30 min: at +310 min, 10 of the last 30 min were at 0.2 %: mean 0.067 % > 0.05 %.
        var timeline = HealthyDedup().Value("false_merge_rate", 300, 0.2).Build();

        var trace = Of(ContactDeduplication.Plan(), timeline, untilMinutes: 600);

        Assert.Equal(new[] { "+0m StageStarted pilot", "+120m WaitingForPerson pilot", "+310m RollBack pilot" }, Lines(trace));
        Assert.Contains("the point of no return is passed when 'half' starts", trace.Events[1].Reason, StringComparison.Ordinal);
        Assert.Contains("'release engineer' or 'on-call engineer'".Replace("'", ""), trace.Events[1].Reason.Replace("'", ""), StringComparison.Ordinal);
        Assert.Equal(Decision.RollBack, trace.Final);
    }

    [Fact]
    public void A_breach_after_the_point_of_no_return_requires_a_forward_fix_and_never_rolls_back()
    {
        var timeline = HealthyDedup().Value("false_merge_rate", 400, 0.2).Build();

        var trace = Of(ContactDeduplication.Plan(), timeline, untilMinutes: 900, Action(150, HumanActionKind.Approve, "on-call engineer"));

        Assert.Equal(new[]
        {
            "+0m StageStarted pilot", "+120m WaitingForPerson pilot",
            "+150m Approved pilot", "+150m PointOfNoReturnPassed half", "+150m StageStarted half",
            "+410m ForwardFixRequired half",
        }, Lines(trace));
        var forwardFix = Single(trace, TraceEventKind.ForwardFixRequired).Reason;
        Assert.Contains("false_merge_rate > 0.05 %", forwardFix, StringComparison.Ordinal);
        Assert.Contains("finish the merge, then re-split wrong merges from backup with restore-originals.py", forwardFix, StringComparison.Ordinal);
        Assert.Contains("owner: data-eng on-call", forwardFix, StringComparison.Ordinal);
        Never(trace, TraceEventKind.RollBack);
        Assert.Equal(Decision.Halt, trace.Final);
        Assert.Equal(30, trace.ExitCode);
    }

    [Fact]
    public void A_halted_rollout_still_rolls_back_when_a_rollback_stop_loss_is_crossed_later()
    {
        // merge_errors 20 from +30 min: the 30-minute mean passes 10 at +50 min (halt); false merges from +100 min roll back at +110 min.
        var timeline = HealthyDedup().Value("merge_errors", 30, 20).Value("false_merge_rate", 100, 0.2).Build();

        var trace = Of(ContactDeduplication.Plan(), timeline, untilMinutes: 300);

        Assert.Equal(new[] { "+0m StageStarted pilot", "+50m Halt pilot", "+110m RollBack pilot" }, Lines(trace));
        Assert.StartsWith("stop-loss crossed: merge_errors > 10 (observed 13.3333); halt", trace.Events[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_metric_flapping_around_the_gate_holds_once_and_never_advances()
    {
        // 0.05 % and 0.3 % every other minute: the 5-minute mean stays below the 0.5 % stop-loss, the 30-minute mean above the 0.1 % gate.
        var timeline = new TimelineBuilder()
            .Value("latency_p99", -10, 190).Value("payment_errors", -10, 0)
            .Flapping("error_rate", -10, 200, 1, 0.05, 0.3).Build();

        var trace = Of(NewCheckoutFlow.Plan(), timeline, untilMinutes: 180);

        Assert.Equal(new[] { "+0m StageStarted canary", "+30m Hold canary" }, Lines(trace));
        Assert.StartsWith("advance gate not met: error_rate < 0.1 %", trace.Events[1].Reason, StringComparison.Ordinal);
        Assert.Equal(Decision.Hold, trace.Final);
    }
}
