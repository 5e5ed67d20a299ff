using System;
using Rollout.Dsl;
using Rollout.Dsl.Dialects;

namespace Rollout.Export.Plan;

/// <summary>How the plan measures each metric (<see cref="RolloutPlan.MeasurementOf"/>) with the window filled in for an engine.</summary>
internal static class MetricQueries
{
    /// <summary>The query for <paramref name="metric"/> over <paramref name="window"/>; a metric without a measurement cannot be exported.</summary>
    public static string Query(RolloutPlan plan, Metric metric, TimeSpan window) => PrometheusDialect.QueryOver(Of(plan, metric), window);

    /// <summary>The query with the window placeholder replaced by <paramref name="window"/> verbatim (an engine's own variable).</summary>
    public static string QueryWith(RolloutPlan plan, Metric metric, string window) => PrometheusDialect.QueryWith(Of(plan, metric), window);

    private static Measurement Of(RolloutPlan plan, Metric metric) =>
        plan.MeasurementOf(metric) is { } measurement && !string.IsNullOrWhiteSpace(measurement.Query)
            ? measurement
            : throw new ExportException("Metric '" + metric.Name + "' has no measurement, so no engine can evaluate it; add .Measure(" + MetricText(metric) + ", query: \"...\") to the plan.");

    private static string MetricText(Metric metric) => "Signal." + metric.Unit switch
    {
        MetricUnit.Count => "Count",
        MetricUnit.Milliseconds => "Latency",
        _ => "Percent",
    } + "(\"" + metric.Name + "\")";
}
