using System.Collections.Generic;
using static Rollout.Dsl.Rules.PlanText;

namespace Rollout.Dsl.Rules;

/// <summary>Gates and stop-losses a pipeline can evaluate without asking a person what the metric means.</summary>
internal static class MeasurementRules
{
    public static readonly Rule MetricsMeasured = new("ROLL024", RuleSeverity.Warning,
        "Every metric used by a gate or stop-loss has a measurement", Unmeasured);

    /// <summary>One finding per unmeasured metric, at its first use: the condition itself (stages[i].advanceWhen[k] or stopLoss[i].when).</summary>
    private static IEnumerable<(string, PlanPath)> Unmeasured(RolloutPlan plan)
    {
        var reported = new HashSet<string>(System.StringComparer.Ordinal);
        for (var i = 0; i < plan.Stages.Count; i++)
        {
            var gates = plan.Stages[i].AdvanceWhen;
            for (var k = 0; k < gates.Count; k++)
            {
                var metric = gates[k]?.Metric;
                if (metric?.Name is null || plan.MeasurementOf(metric) is not null || !reported.Add(metric.Name)) continue;
                yield return (Message(plan, metric, "an advance gate of " + Stage(plan.Stages[i], i)), PlanPath.Plan.Stage(i).AdvanceWhen.At(k));
            }
        }
        for (var i = 0; i < plan.StopLosses.Count; i++)
        {
            var metric = plan.StopLosses[i]?.When?.Metric;
            if (metric?.Name is null || plan.MeasurementOf(metric) is not null || !reported.Add(metric.Name)) continue;
            yield return (Message(plan, metric, "stop-loss #" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), PlanPath.Plan.StopLoss.At(i).When);
        }
    }

    private static string Message(RolloutPlan plan, Metric metric, string firstUse) =>
        Plan(plan) + ": metric '" + metric.Name + "' (used by " + firstUse + ") has no measurement, so no pipeline can evaluate it and someone must judge it by hand. Add .Measure(<metric>, query: \"<Prometheus query returning " + UnitWords(metric.Unit) + " over [" + Measurement.WindowPlaceholder + "]>\") to the plan.";

    private static string UnitWords(MetricUnit unit) => unit switch
    {
        MetricUnit.Percent => "percent",
        MetricUnit.Milliseconds => "milliseconds",
        _ => "a count",
    };
}
