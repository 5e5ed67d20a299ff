using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using Rollout.Dsl;
using Rollout.Export.Tests.Infrastructure;

namespace Rollout.Export.Tests.Infrastructure;

/// <summary>One condition exported alone to Flagger, read back from YAML as a pass/fail function of the value.</summary>
public static class ThresholdRangeProbe
{
    public static Func<double, bool> Passing(Condition gate) => Range(Plan(gate, stopLoss: false));

    public static Func<double, bool> NotCrossed(Condition stopLoss) => Range(Plan(stopLoss, stopLoss: true));

    private static RolloutPlan Plan(Condition condition, bool stopLoss)
    {
        var other = new Metric { Name = "other", Unit = MetricUnit.Count };
        return RolloutPlan.Create("probe")
            .Owner("t")
            .Touches(Surface.Config)
            .Measure(condition.Metric, ExportSamples.CountOf("m"))
            .Measure(other, ExportSamples.CountOf("other"))
            .Stage("a", s => s.Traffic(10).Observe(TimeSpan.FromMinutes(10)).AdvanceWhen(stopLoss ? other.AtMost(0) : condition))
            .Stage("b", s => s.Traffic(100))
            .StopLoss(stopLoss ? condition : other.Above(5), StopLossAction.Rollback)
            .Rollback(r => r.Code(takes: TimeSpan.FromMinutes(1)))
            .Authority(a => a.MayTrigger(Role.OnCall, Trigger.AnyReason).MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed).Announce("#x", within: TimeSpan.FromMinutes(5)));
    }

    private static Func<double, bool> Range(RolloutPlan plan)
    {
        var yaml = Flagger.FlaggerExport.Export(plan, ExportSamples.Options).ToYaml();
        var metric = Manifests.Items(new Manifests(yaml).Single("Canary")["spec"]!["analysis"]!["metrics"]).Single(m => (string?)m["name"] == "m");
        var range = metric["thresholdRange"]!;
        double? min = range["min"] is { } a ? Manifests.Number(a) : null;
        double? max = range["max"] is { } b ? Manifests.Number(b) : null;
        return value => (min is null || value >= min) && (max is null || value <= max);
    }
}
