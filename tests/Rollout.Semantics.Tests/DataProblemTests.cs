using System;
using CheckoutService.Specs;
using static Rollout.Semantics.Tests.Runs;

namespace Rollout.Semantics.Tests;

/// <summary>Missing, stale, ambiguous or failing data never advances and never counts as healthy: it holds.</summary>
public sealed class DataProblemTests
{
    private static TimelineBuilder HealthyCheckout() =>
        new TimelineBuilder().Value("error_rate", -10, 0.02).Value("latency_p99", -10, 190).Value("payment_errors", -10, 0);

    [Fact]
    public void A_gap_in_a_stop_loss_metric_holds_past_the_window_until_data_is_back()
    {
        var timeline = HealthyCheckout().Problem("error_rate", 10, TimelinePointKind.Gap).Value("error_rate", 50, 0.02).Build();

        var trace = Of(NewCheckoutFlow.Plan(), timeline, untilMinutes: 100);

        Assert.Equal(new[] { "+0m StageStarted canary", "+10m Hold canary", "+51m Advance canary", "+51m StageStarted staged" }, Lines(trace));
        Assert.Equal("stop-loss error_rate > 0.5 % could not be evaluated: no data for 'error_rate' since 2026-12-06 08:10:00 UTC", trace.Events[1].Reason);
    }

    [Fact]
    public void Query_errors_for_15_minutes_hold_and_never_roll_back()
    {
        var timeline = HealthyCheckout().Problem("error_rate", 5, TimelinePointKind.Error, "Prometheus unreachable").Value("error_rate", 20, 0.02).Build();

        var trace = Of(NewCheckoutFlow.Plan(), timeline, untilMinutes: 60);

        Never(trace, TraceEventKind.RollBack, TraceEventKind.Halt);
        Assert.Equal("+5m Hold canary", Lines(trace)[1]);
        Assert.Equal("stop-loss error_rate > 0.5 % could not be evaluated: the query for 'error_rate' fails since 2026-12-06 08:05:00 UTC: Prometheus unreachable", trace.Events[1].Reason);
        Assert.Contains("+30m Advance canary", Lines(trace));
    }

    [Fact]
    public void Errors_that_outlast_the_window_keep_holding()
    {
        var timeline = HealthyCheckout().Problem("error_rate", 5, TimelinePointKind.Error).Build();

        var trace = Of(NewCheckoutFlow.Plan(), timeline, untilMinutes: 600);

        Assert.Equal(new[] { "+0m StageStarted canary", "+5m Hold canary" }, Lines(trace));
        Assert.Equal(Decision.Hold, trace.Final);
    }

    [Fact]
    public void Stale_gate_data_holds_at_the_end_of_the_window()
    {
        var timeline = HealthyCheckout().Problem("latency_p99", 20, TimelinePointKind.Stale).Build();

        var trace = Of(NewCheckoutFlow.Plan(), timeline, untilMinutes: 120);

        Assert.Equal(new[] { "+0m StageStarted canary", "+30m Hold canary" }, Lines(trace));
        Assert.Equal("no data for advance gate latency_p99 < 400 ms: the data for 'latency_p99' is stale since 2026-12-06 08:20:00 UTC", trace.Events[1].Reason);
        Assert.Equal(Decision.Hold, trace.Final);
    }

    [Fact]
    public void Several_series_hold()
    {
        var timeline = HealthyCheckout().Problem("payment_errors", 0, TimelinePointKind.SeveralSeries, "one per status").Build();

        var trace = Of(NewCheckoutFlow.Plan(), timeline, untilMinutes: 60);

        Assert.Equal(new[] { "+0m StageStarted canary", "+0m Hold canary" }, Lines(trace));
        Assert.Contains("returns several series since 2026-12-06 08:00:00 UTC: one per status", trace.Events[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_older_than_stale_after_is_stale()
    {
        var timeline = new TimelineBuilder().Value("error_rate", 0, 0.2).Build(staleAfter: TimeSpan.FromMinutes(10));

        var fresh = timeline.Read("error_rate", TimeSpan.FromMinutes(5), TimelineBuilder.At(10));
        var stale = timeline.Read("error_rate", TimeSpan.FromMinutes(5), TimelineBuilder.At(11));

        Assert.Equal(0.2, fresh.Value);
        Assert.Equal(ReadingProblem.Stale, stale.Problem);
        Assert.Equal("the newest value of 'error_rate' is from 2026-12-06 08:00:00 UTC, older than the timeline's staleAfter of 10 min", stale.Detail);
    }

    [Fact]
    public void A_reading_is_the_time_weighted_mean_of_the_values_in_the_window()
    {
        var timeline = new TimelineBuilder().Value("m", 0, 1).Value("m", 6, 4).Problem("m", 8, TimelinePointKind.Gap).Value("m", 9, 2).Build();

        // (5, 10]: 1 min at 1, 2 min at 4, a 1-minute gap left out, 1 min at 2: (1 + 8 + 2) / 4.
        Assert.Equal(2.75, timeline.Read("m", TimeSpan.FromMinutes(5), TimelineBuilder.At(10)).Value);
        Assert.Equal(ReadingProblem.NoData, timeline.Read("m", TimeSpan.FromMinutes(5), TimelineBuilder.At(-1)).Problem);
        Assert.Equal(ReadingProblem.NoData, timeline.Read("other", TimeSpan.FromMinutes(5), TimelineBuilder.At(10)).Problem);
    }
}
