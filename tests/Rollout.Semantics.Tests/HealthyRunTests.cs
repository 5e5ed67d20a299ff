using CheckoutService.Specs;
using static Rollout.Semantics.Tests.Runs;

namespace Rollout.Semantics.Tests;

/// <summary>Healthy metrics: every stage advances when its window (and the next stage's soak) has run, and the run completes.</summary>
public sealed class HealthyRunTests
{
    [Fact]
    public void The_checkout_flow_advances_after_30_minutes_then_after_a_day_at_staged_and_completes()
    {
        var timeline = new TimelineBuilder()
            .Value("error_rate", -10, 0.02).Value("latency_p99", -10, 190).Value("payment_errors", -10, 0)
            .Build();

        var trace = Of(NewCheckoutFlow.Plan(), timeline, untilMinutes: 1500);

        Assert.Equal(new[]
        {
            "+0m StageStarted canary",
            "+30m Advance canary", "+30m StageStarted staged",
            "+1470m Advance staged", "+1470m StageStarted full", "+1470m Completed full",
        }, Lines(trace));
        Assert.Equal(Decision.Advance, trace.Final);
        Assert.Equal(0, trace.ExitCode);
        Assert.Contains("all 2 stop-loss(es) clear and all 2 advance gate(s) pass", trace.Events[1].Reason, System.StringComparison.Ordinal);
    }

    [Fact]
    public void The_dark_mode_toggle_completes_after_its_15_minute_window()
    {
        var timeline = new TimelineBuilder().Value("error_rate", -10, 0.1).Build();

        var trace = Of(DarkModeToggle.Plan(), timeline, untilMinutes: 60);

        Assert.Equal(new[] { "+0m StageStarted staff", "+15m Advance staff", "+15m StageStarted everyone", "+15m Completed everyone" }, Lines(trace));
        Assert.Equal(Decision.Advance, trace.Final);
    }

    [Fact]
    public void A_run_that_ends_before_the_window_has_run_is_still_holding()
    {
        var timeline = new TimelineBuilder().Value("error_rate", -10, 0.1).Build();

        var trace = Of(DarkModeToggle.Plan(), timeline, untilMinutes: 10);

        Assert.Equal(new[] { "+0m StageStarted staff" }, Lines(trace));
        Assert.Equal(Decision.Hold, trace.Final);
        Assert.Equal(10, trace.ExitCode);
    }
}
