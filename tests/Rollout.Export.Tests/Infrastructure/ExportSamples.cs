using System;
using System.Collections.Generic;
using System.Linq;
using CheckoutService.Specs;
using Rollout.Dsl;
using Rollout.Export.Argo;
using Rollout.Export.Flagger;

namespace Rollout.Export.Tests.Infrastructure;

/// <summary>The plans the export tests run over: the three samples and edge cases for the point of no return.</summary>
public static class ExportSamples
{
    public static TheoryData<string> SampleIds => new() { "new-checkout-flow", "contact-dedup-job", "dark-mode-toggle" };

    public static readonly string[] AllPlanIds =
    {
        "new-checkout-flow", "contact-dedup-job", "dark-mode-toggle", "schema-at-second-stage", "moment-only", "fractional",
    };

    public static TheoryData<string> AllIds => new(AllPlanIds);

    public static RolloutPlan Plan(string id) => id switch
    {
        "new-checkout-flow" => NewCheckoutFlow.Plan(),
        "contact-dedup-job" => ContactDeduplication.Plan(),
        "dark-mode-toggle" => DarkModeToggle.Plan(),
        "schema-at-second-stage" => SchemaAtSecondStage(),
        "moment-only" => MomentOnly(),
        "fractional" => Fractional(),
        _ => throw new ArgumentException("Unknown plan " + id, nameof(id)),
    };

    public static KubernetesOptions Options { get; } = new()
    {
        Workload = Workload.Parse("Deployment/checkout"),
        Service = ServiceRef.Parse("checkout:8080"),
        Namespace = "shop",
        PrometheusAddress = "http://prometheus.monitoring:9090",
        Replicas = 10,
    };

    public static ExportResult Argo(string id) => ArgoExport.Export(Plan(id), Options);

    public static ExportResult Flagger(string id) => FlaggerExport.Export(Plan(id), Options);

    public static ExportResult Export(string engine, string id) => engine == "argo" ? Argo(id) : Flagger(id);

    public const string ErrorRate = "100 * sum(rate(http_requests_total{code=~\"5..\"}[$window])) / sum(rate(http_requests_total[$window]))";

    public const string LatencyP99 = "1000 * histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[$window])))";

    public static string CountOf(string metric) => "sum(increase(" + metric + "_total[$window]))";

    /// <summary>A schema change whose point of no return is the second of four stages, with an entry wait before it.</summary>
    public static RolloutPlan SchemaAtSecondStage() =>
        RolloutPlan.Create("schema-at-second-stage")
            .Owner("orders")
            .Touches(Surface.DatabaseSchema)
            .Measure(Signal.ErrorRate, ErrorRate)
            .Measure(Signal.LatencyP99, LatencyP99)
            .Measure(Signal.Count("order_errors"), CountOf("order_errors"))
            .EvaluateStopLosses(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2))
            .Stage("one", s => s.Traffic(1).Observe(TimeSpan.FromMinutes(30)).AdvanceWhen(Signal.ErrorRate.Below(0.2), Signal.LatencyP99.AtMost(300)))
            .Stage("ten", s => s.Traffic(10).After(TimeSpan.FromHours(1), "at 'one' quietly").Observe(TimeSpan.FromHours(2)).AdvanceWhen(Signal.ErrorRate.Below(0.1)))
            .Stage("fifty", s => s.Traffic(50).Observe(TimeSpan.FromHours(6)).AdvanceWhen(Signal.ErrorRate.Below(0.1), Signal.Count("order_errors").AtMost(3)))
            .Stage("all", s => s.Traffic(100))
            .StopLoss(Signal.ErrorRate.Above(0.5), StopLossAction.Rollback)
            .StopLoss(Signal.LatencyP99.AtLeast(800), StopLossAction.Halt)
            .Rollback(r => r.Code(takes: TimeSpan.FromMinutes(5)).Schema("migrate down 42", takes: TimeSpan.FromMinutes(20)))
            .PointOfNoReturn(p => p.AfterStage("ten").ForwardFix("patch forward with migration 43", owner: "orders on-call"))
            .Authority(a => a.MayTrigger(Role.OnCall, Trigger.AnyReason).Announce("#orders", within: TimeSpan.FromMinutes(10)));

    /// <summary>A point of no return given only as a moment in words: the engine cannot place it.</summary>
    public static RolloutPlan MomentOnly() =>
        RolloutPlan.Create("moment-only")
            .Owner("crm")
            .Touches(Surface.PersistentData)
            .Measure(Signal.ErrorRate, ErrorRate)
            .Stage("some", s => s.Traffic(20).Observe(TimeSpan.FromHours(1)).AdvanceWhen(Signal.ErrorRate.Below(0.1)))
            .Stage("all", s => s.Traffic(100))
            .StopLoss(Signal.ErrorRate.Above(1), StopLossAction.Rollback)
            .Rollback(r => r.Config("CRM_V2", takes: TimeSpan.FromSeconds(5))
                .DataRepair("fix.sh", owner: "crm", takes: TimeSpan.FromHours(1), when: "records were written"))
            .PointOfNoReturn(p => p.At("the first record is rewritten").ForwardFix("run fix.sh forward", owner: "crm"))
            .Authority(a => a.MayTrigger(Role.OnCall, Trigger.AnyReason).MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed).Announce("#crm", within: TimeSpan.FromMinutes(5)));

    /// <summary>Fractional traffic, a 90-second window and thresholds on both sides.</summary>
    public static RolloutPlan Fractional() =>
        RolloutPlan.Create("fractional")
            .Owner("platform")
            .Touches(Surface.HighTrafficPath)
            .Measure(Signal.ErrorRate, ErrorRate)
            .Measure(Signal.Percent("success_rate"), "100 - (" + ErrorRate + ")")
            .Stage("sliver", s => s.Traffic(0.5, "randomly sampled").Observe(TimeSpan.FromSeconds(90))
                .AdvanceWhen(Signal.ErrorRate.Below(0.1), Signal.Percent("success_rate").AtLeast(99.9)))
            .Stage("all", s => s.Traffic(100))
            .StopLoss(Signal.Percent("success_rate").Below(99), StopLossAction.Rollback)
            .StopLoss(Signal.ErrorRate.AtLeast(0.25), StopLossAction.Halt)
            .Rollback(r => r.Code(takes: TimeSpan.FromMinutes(7.5)))
            .Authority(a => a.MayTrigger(Role.OnCall, Trigger.AnyReason).MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed).Announce("#platform", within: TimeSpan.FromMinutes(5)));

    /// <summary>Every metric a gate or stop-loss of <paramref name="plan"/> uses, each once.</summary>
    public static IReadOnlyList<Metric> MetricsOf(RolloutPlan plan) =>
        plan.Stages.SelectMany(s => s.AdvanceWhen).Concat(plan.StopLosses.Select(s => s.When)).Select(c => c.Metric)
            .GroupBy(m => m.Name).Select(g => g.First()).ToList();

    public static IEnumerable<object[]> EnginesAndPlans()
    {
        foreach (var engine in new[] { "argo", "flagger" })
        {
            foreach (var id in AllPlanIds)
            {
                if (engine == "flagger" && id == "moment-only") continue; // refused: see FlaggerSemanticsTests
                yield return new object[] { engine, id };
            }
        }
    }
}
