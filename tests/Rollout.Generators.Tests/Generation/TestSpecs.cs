namespace Rollout.Generators.Tests.Generation;

/// <summary>Specs that exercise every form the static reader understands.</summary>
public static class TestSpecs
{
    /// <summary>Shared prologue of every test spec file.</summary>
    public const string Usings = "using System;\nusing Rollout.Dsl;\n\n";

    public const string ConstantsAndForms = Usings + """
        namespace Service.Specs;

        public static class Names
        {
            public const string Team = "payments";
            public const string Flag = "NEW_" + "FLAG";
            public const double Threshold = 0.25;
        }

        public static class Forms
        {
            private const string Channel = "#incidents";
            private const int CanaryPercent = 2;

            [RolloutSpec]
            public static RolloutPlan ReturnForm()
            {
                const string Id = "return-form";
                return RolloutPlan.Create(Id)
                    .Title($"Plan {Id} owned by {Names.Team}")
                    .Owner(Names.Team)
                    .Touches(new[] { Surface.PaymentFlow, Surface.Config })
                    .Stage(nameof(CanaryPercent), s =>
                    {
                        s.Traffic(CanaryPercent + 0.5, audience: "internal " + "users");
                        s.Observe(TimeSpan.FromMinutes(30));
                        s.AdvanceWhen(Signal.ErrorRate.Below(Names.Threshold / 2), Signal.LatencyP99.Below(TimeSpan.FromMilliseconds(400.5)));
                    })
                    .Stage("full", s => s.Traffic(100).After(TimeSpan.FromHours(24), note: "without incident").OverrideBy(Role.EngLead))
                    .StopLoss(Signal.ErrorRate.Above(Names.Threshold * 4), StopLossAction.Rollback)
                    .StopLoss(Signal.Count("payment_errors").Above(5), action: StopLossAction.Halt)
                    .Rollback(r => r.Config(flag: Names.Flag, takes: TimeSpan.FromSeconds(30)))
                    .Rollback(r => r.Code(TimeSpan.FromMinutes(10)).Schema("down-0042", TimeSpan.FromMinutes(20), runbook: "docs/0042.md"))
                    .Authority(a => a.MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed)
                        .MayTrigger(Role.Named("payments on-call"), Trigger.AnyReason)
                        .Announce(Channel, TimeSpan.FromMinutes(5), include: null)
                        .Inform(Role.Product, Role.Management));
            }

            [RolloutSpec]
            internal static RolloutPlan Unready() => RolloutPlan.Create("unready-plan")
                .Touches(Surface.PersistentData)
                .Stage("only", s => s.Traffic(150))
                .Authority(a => a.RequireSignOff(Role.Management).Announce("", TimeSpan.Zero));

            [RolloutSpec]
            public static RolloutPlan Built() => RolloutPlan.Create("built-explicitly")
                .Owner("x")
                .PointOfNoReturn(p => p.At("backfill passed 10 %").ForwardFix("finish the backfill"))
                .Build();
        }
        """;

    public const string Hostile = Usings + """
        namespace Service.Specs;

        public static class Hostile
        {
            [RolloutSpec]
            public static RolloutPlan Plan() => RolloutPlan.Create("hostile-strings")
                .Title("Quotes \" and \\ backslash\nnew line | pipe `tick` <script>alert(1)</script> \"]; end -->")
                .Owner("../../etc/passwd")
                .Stage("\"];\nclick A call alert()", s => s.Traffic(1, "# heading\r\n* list | x").Observe(TimeSpan.FromMinutes(1))
                    .AdvanceWhen(Signal.Count("a\"b").AtMost(0)))
                .Stage("full\u2028line", s => s.Traffic(100).After(TimeSpan.FromHours(1), "emoji 🚀 and lone \ud800 surrogate"))
                .StopLoss(Signal.Percent("*/ /*").Above(1), StopLossAction.Rollback)
                .Rollback(r => r.DataRepair("rm -rf / # \"quoted\"", owner: "<b>owner</b>", takes: TimeSpan.FromHours(4), when: "{{ template }}", scope: "${injection}"))
                .Authority(a => a.MayTrigger(Role.Named("role\twith\ttabs"), Trigger.AnyReason).Announce("#inci`dents`", TimeSpan.FromMinutes(5), "\u0000 nul"));
        }
        """;
}
