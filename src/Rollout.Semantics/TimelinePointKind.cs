namespace Rollout.Semantics;

/// <summary>What a <see cref="MetricTimeline"/> says about a metric from one point on (until the metric's next point).</summary>
public enum TimelinePointKind
{
    /// <summary>The measurement returns this value.</summary>
    Value,

    /// <summary>No data: the series is absent (e.g. the exporter is down or nothing is scraped).</summary>
    Gap,

    /// <summary>The query fails (rejected, source unreachable).</summary>
    Error,

    /// <summary>The newest value is stale.</summary>
    Stale,

    /// <summary>The query returns several series instead of one.</summary>
    SeveralSeries,
}
