using System;
using Rollout.Dsl;

namespace CheckoutService.Specs;

public static class ContactDeduplication
{
    private const string DataEngOnCall = "data-eng on-call";

    [RolloutSpec]
    public static RolloutPlan Plan() =>
        RolloutPlan.Create("contact-dedup-job")
            .Title("Contact de-duplication job")
            .Owner("crm-data")
            .Touches(Surface.PersistentData, Surface.DatabaseSchema)
            .Measure(Signal.Count("merge_errors"), query: CheckoutQueries.MergeErrors)
            .Measure(Signal.Percent("false_merge_rate"), query: CheckoutQueries.FalseMergeRate)
            .Stage("pilot", s => s
                .Traffic(5, "one internal tenant")
                .Observe(TimeSpan.FromHours(2))
                .AdvanceWhen(Signal.Count("merge_errors").AtMost(0), Signal.Percent("false_merge_rate").Below(0.01)))
            .Stage("half", s => s
                .Traffic(50, "randomly sampled tenants")
                .Observe(TimeSpan.FromHours(12))
                .AdvanceWhen(Signal.Count("merge_errors").AtMost(0), Signal.Percent("false_merge_rate").Below(0.01)))
            .Stage("full", s => s
                .Traffic(100)
                .After(TimeSpan.FromHours(24), "at 'half' without incident"))
            .StopLoss(Signal.Percent("false_merge_rate").Above(0.05), StopLossAction.Rollback)
            .StopLoss(Signal.Count("merge_errors").Above(10), StopLossAction.Halt)
            .EvaluateStopLosses(every: TimeSpan.FromMinutes(5), window: TimeSpan.FromMinutes(30))
            .Rollback(r => r
                .Config(flag: "DEDUP_JOB_ENABLED", takes: TimeSpan.FromSeconds(10))
                .DataRepair("restore-originals.py --since=<deploy_time>",
                    owner: DataEngOnCall,
                    takes: TimeSpan.FromHours(4),
                    when: "duplicates were written",
                    scope: "merged contacts are re-split from backup")
                .SchemaIrreversible(runbook: "docs/runbooks/contacts-migration.md", when: "the schema migration was applied"))
            .PointOfNoReturn(p => p
                .AfterStage("half")
                .ForwardFix("finish the merge, then re-split wrong merges from backup with restore-originals.py", owner: DataEngOnCall))
            .Authority(a => a
                .MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed)
                .MayTrigger(Role.OnCall, Trigger.AnyReason)
                .Announce("#incidents", within: TimeSpan.FromMinutes(5))
                .Inform(Role.Product, Role.Management));
}
