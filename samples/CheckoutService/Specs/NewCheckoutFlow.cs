using System;
using Rollout.Dsl;

namespace CheckoutService.Specs;

public static class NewCheckoutFlow
{
    [RolloutSpec]
    public static RolloutPlan Plan() =>
        RolloutPlan.Create("new-checkout-flow")
            .Title("New checkout flow")
            .Owner("payments")
            .Touches(Surface.PaymentFlow, Surface.HighTrafficPath)
            .Measure(Signal.ErrorRate, query: CheckoutQueries.ErrorRate)
            .Measure(Signal.LatencyP99, query: CheckoutQueries.LatencyP99)
            .Measure(Signal.Count("payment_errors"), query: CheckoutQueries.PaymentErrors)
            .Stage("canary", s => s
                .Traffic(1, "internal users only")
                .Observe(TimeSpan.FromMinutes(30))
                .AdvanceWhen(Signal.ErrorRate.Below(0.1), Signal.LatencyP99.Below(TimeSpan.FromMilliseconds(400))))
            .Stage("staged", s => s
                .Traffic(10, "randomly sampled")
                .Observe(TimeSpan.FromHours(4))
                .AdvanceWhen(
                    Signal.ErrorRate.Below(0.1),
                    Signal.LatencyP99.Below(TimeSpan.FromMilliseconds(400)),
                    Signal.Count("payment_errors").AtMost(0)))
            .Stage("full", s => s
                .Traffic(100)
                .After(TimeSpan.FromHours(24), "at 'staged' without incident"))
            .StopLoss(Signal.ErrorRate.Above(0.5), StopLossAction.Rollback)
            .StopLoss(Signal.Count("payment_errors").Above(5), StopLossAction.Rollback)
            .EvaluateStopLosses(every: TimeSpan.FromMinutes(1), window: TimeSpan.FromMinutes(5))
            .Rollback(r => r
                .Config(flag: "NEW_CHECKOUT_ENABLED", takes: TimeSpan.FromSeconds(30)))
            .Authority(a => a
                .MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed)
                .MayTrigger(Role.OnCall, Trigger.AnyReason)
                .MayOverride(Role.EngLead, Role.OnCall)
                .Announce("#incidents", within: TimeSpan.FromMinutes(5))
                .Inform(Role.Product, Role.Management));
}
