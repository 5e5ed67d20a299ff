using System;
using Rollout.Dsl;

namespace Rollout.Export.Plan;

/// <summary>How the plan measures each metric: a Prometheus query with a window placeholder, and the stop-loss cadence.</summary>
public sealed class MetricQueries
{
    public const string WindowPlaceholder = "$window";

    private readonly Func<Metric, string?> _lookup;

    public MetricQueries(Func<Metric, string?> lookup, TimeSpan stopLossEvery, TimeSpan stopLossWindow)
    {
        _lookup = lookup;
        StopLossEvery = stopLossEvery;
        StopLossWindow = stopLossWindow;
    }

    /// <summary>The plan's own measurements. (Until plans carry queries, no metric has one and the export says so.)</summary>
    public static MetricQueries Of(RolloutPlan plan) => new(_ => null, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));

    public TimeSpan StopLossEvery { get; }

    public TimeSpan StopLossWindow { get; }

    /// <summary>The query for <paramref name="metric"/> with its window filled in; a metric without one cannot be exported.</summary>
    public string Query(Metric metric, TimeSpan window) => QueryWith(metric, EngineDuration.Go(window));

    /// <summary>The query with the window placeholder replaced by <paramref name="window"/> verbatim (e.g. an engine's own variable).</summary>
    public string QueryWith(Metric metric, string window)
    {
        var query = _lookup(metric);
        if (string.IsNullOrWhiteSpace(query))
            throw new ExportException("Metric '" + metric.Name + "' has no measurement, so no engine can evaluate it; add its Prometheus query to the plan.");
        return query!.Replace(WindowPlaceholder, window);
    }
}
