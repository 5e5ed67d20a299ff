using System;
using Rollout.Dsl;

namespace CheckoutService.Specs;

public static class DarkModeToggle
{
    [RolloutSpec]
    public static RolloutPlan Plan() =>
        RolloutPlan.Create("dark-mode-toggle")
            .Title("Dark mode toggle on the order page")
            .Owner("web-frontend")
            .Touches(Surface.Config)
            .Measure(Signal.ErrorRate, query: CheckoutQueries.OrderPageErrorRate)
            .Stage("staff", s => s
                .Traffic(5, "staff accounts")
                .Observe(TimeSpan.FromMinutes(15))
                .AdvanceWhen(Signal.ErrorRate.Below(0.5)))
            .Stage("everyone", s => s.Traffic(100))
            .StopLoss(Signal.ErrorRate.Above(1), StopLossAction.Rollback)
            .Rollback(r => r.Config(flag: "DARK_MODE_ENABLED", takes: TimeSpan.FromSeconds(5)))
            .Authority(a => a
                .MayTrigger(Role.OnCall, Trigger.AnyReason)
                .Announce("#web-releases", within: TimeSpan.FromMinutes(15)));
}
