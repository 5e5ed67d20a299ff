using System;
using System.Collections.Generic;
using CheckoutService.Specs;

namespace Rollout.Dsl.Tests.Rendering;

/// <summary>The plans the rendering tests run over: the three samples and one with fractional numbers.</summary>
public static class RenderingSamples
{
    public static TheoryData<string> SampleIds => new() { "new-checkout-flow", "contact-dedup-job", "dark-mode-toggle" };

    public static TheoryData<string> AllIds => new() { "new-checkout-flow", "contact-dedup-job", "dark-mode-toggle", "fractional-numbers" };

    public static RolloutPlan Plan(string id) => id switch
    {
        "new-checkout-flow" => NewCheckoutFlow.Plan(),
        "contact-dedup-job" => ContactDeduplication.Plan(),
        "dark-mode-toggle" => DarkModeToggle.Plan(),
        "fractional-numbers" => FractionalNumbers(),
        _ => throw new ArgumentException("Unknown plan " + id, nameof(id)),
    };

    public static IEnumerable<RolloutPlan> All()
    {
        foreach (var id in AllIds) yield return Plan(id);
    }

    /// <summary>Numbers a comma culture would print differently: 2.5 %, 0.1 %, 12.75 ms, 1.5 h.</summary>
    public static RolloutPlan FractionalNumbers() =>
        RolloutPlan.Create("fractional-numbers")
            .Title("Fractional numbers")
            .Owner("platform")
            .Touches(Surface.HighTrafficPath)
            .Measure(Signal.ErrorRate, "100 * sum(rate(errors_total[$window])) / sum(rate(requests_total[$window]))")
            .Stage("sliver", s => s
                .Traffic(2.5, "randomly sampled")
                .Observe(TimeSpan.FromMinutes(90).Add(TimeSpan.FromMilliseconds(250)))
                .AdvanceWhen(Signal.ErrorRate.Below(0.1), Signal.Latency("latency_p50").AtMost(12.75)))
            .Stage("all", s => s.Traffic(100).After(TimeSpan.FromHours(1.5)))
            .StopLoss(Signal.ErrorRate.AtLeast(0.25), StopLossAction.Halt)
            .Rollback(r => r.Code(takes: TimeSpan.FromMinutes(7.5)))
            .Authority(a => a
                .MayTrigger(Role.OnCall, Trigger.AnyReason)
                .Announce("#platform-incidents", within: TimeSpan.FromSeconds(150), include: null));
}
