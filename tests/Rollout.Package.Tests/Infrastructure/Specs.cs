using System;

namespace Rollout.Package.Tests.Infrastructure;

/// <summary>The specs the consumer projects contain, as a service team would write them.</summary>
public static class Specs
{
    public const string NewCheckoutFlowId = "new-checkout-flow";
    public const string DarkModeId = "dark-mode";
    public const string NoStopLossId = "search-ranking-v2";

    public const string NewCheckoutFlow = """
        using System;
        using Rollout.Dsl;

        namespace Service.Specs;

        public static class NewCheckoutFlow
        {
            [RolloutSpec]
            public static RolloutPlan Plan() =>
                RolloutPlan.Create("new-checkout-flow")
                    .Title("New checkout flow")
                    .Owner("payments")
                    .Touches(Surface.PaymentFlow)
                    .Stage("canary", s => s.Traffic(1, "internal users only")
                        .Observe(TimeSpan.FromMinutes(30))
                        .AdvanceWhen(Signal.ErrorRate.Below(0.1), Signal.LatencyP99.Below(TimeSpan.FromMilliseconds(400))))
                    .Stage("staged", s => s.Traffic(10, "randomly sampled")
                        .Observe(TimeSpan.FromHours(4))
                        .AdvanceWhen(Signal.ErrorRate.Below(0.1), Signal.LatencyP99.Below(TimeSpan.FromMilliseconds(400)),
                                     Signal.Count("payment_errors").AtMost(0)))
                    .Stage("full", s => s.Traffic(100).After(TimeSpan.FromHours(24), "at 'staged' without incident"))
                    .StopLoss(Signal.ErrorRate.Above(0.5), StopLossAction.Rollback)
                    .Rollback(r => r.Config(flag: "NEW_CHECKOUT_ENABLED", takes: TimeSpan.FromSeconds(30)))
                    .Authority(a => a.MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed)
                                     .MayTrigger(Role.OnCall, Trigger.AnyReason)
                                     .Announce("#incidents", within: TimeSpan.FromMinutes(5))
                                     .Inform(Role.Product, Role.Management));
        }

        """;

    public const string DarkMode = """
        using System;
        using Rollout.Dsl;

        namespace Service.Specs;

        public static class DarkMode
        {
            [RolloutSpec]
            public static RolloutPlan Plan() =>
                RolloutPlan.Create("dark-mode")
                    .Title("Dark mode on the order page")
                    .Owner("web")
                    .Touches(Surface.Config)
                    .Stage("staff", s => s
                        .Traffic(5, "staff accounts")
                        .Observe(TimeSpan.FromMinutes(15))
                        .AdvanceWhen(Signal.ErrorRate.Below(0.5)))
                    .Stage("everyone", s => s.Traffic(100))
                    .StopLoss(Signal.ErrorRate.Above(1), StopLossAction.Rollback)
                    .Rollback(r => r.Config(flag: "DARK_MODE_ENABLED", takes: TimeSpan.FromSeconds(5)))
                    .Authority(a => a
                        .MayTrigger(Role.OnCall, Trigger.AnyReason)
                        .Announce("#incidents", within: TimeSpan.FromMinutes(5)));
        }

        """;

    /// <summary>The service's own code using the generated catalog at run time.</summary>
    public const string Program = """
        using System;
        using Rollout.Generated;

        Console.WriteLine("plans: " + RolloutCatalog.Plans.Count);
        foreach (var plan in RolloutCatalog.Plans) Console.WriteLine("plan: " + plan.PlanId);
        var checkout = RolloutCatalog.Find("new-checkout-flow") ?? throw new InvalidOperationException("new-checkout-flow is not in the catalog");
        Console.WriteLine("runbook: " + checkout.RunbookMarkdown.Split('\n')[0]);
        Console.WriteLine("--- json ---");
        Console.Write(checkout.PlanJson);
        Console.WriteLine("--- end ---");
        Console.WriteLine("missing: " + (RolloutCatalog.Find("no-such-plan") is null));

        """;

    /// <summary>Ready in every respect but the stop-loss (ROLL001 alone).</summary>
    public const string NoStopLoss = """
        using System;
        using Rollout.Dsl;

        namespace Service.Specs;

        public static class SearchRanking
        {
            [RolloutSpec]
            public static RolloutPlan SearchRankingV2() =>
                RolloutPlan.Create("search-ranking-v2")
                    .Owner("search")
                    .Touches(Surface.HighTrafficPath)
                    .Stage("canary", s => s
                        .Traffic(5, "randomly sampled")
                        .Observe(TimeSpan.FromHours(2))
                        .AdvanceWhen(Signal.ErrorRate.Below(0.1), Signal.LatencyP99.Below(TimeSpan.FromMilliseconds(300))))
                    .Stage("full", s => s.Traffic(100))
                    .Rollback(r => r.Config(flag: "SEARCH_RANKING_V2", takes: TimeSpan.FromSeconds(30)))
                    .Authority(a => a
                        .MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed)
                        .MayTrigger(Role.OnCall, Trigger.AnyReason)
                        .Announce("#incidents", within: TimeSpan.FromMinutes(5)));
        }

        """;

    /// <summary>The <c>RolloutPlan.Create(...)</c> call ROLL001 is reported on, as 0-based line and character span (end exclusive).</summary>
    public static (int Line, int StartCharacter, int EndCharacter) CreateCallOf(string source)
    {
        const string call = "RolloutPlan.Create(\"" + NoStopLossId + "\")";
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var at = lines[i].IndexOf(call, StringComparison.Ordinal);
            if (at >= 0) return (i, at, at + call.Length);
        }
        throw new InvalidOperationException("The spec has no " + call + ".");
    }
}
