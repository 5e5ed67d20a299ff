using System;

namespace Rollout.Dsl;

/// <summary>
/// How a metric is measured: a query, for the metric backend <see cref="Source"/> names, whose single result is the
/// metric's value in the metric's unit (percent, milliseconds or a count). Write <see cref="WindowPlaceholder"/> where
/// the query needs the evaluation window, e.g. <c>rate(http_requests_total[$window])</c>; the backend's dialect
/// (<c>Rollout.Dsl.Dialects</c>) replaces it by the stage's observation window for advance gates and by the stop-loss
/// window for stop-losses.
/// </summary>
public sealed record Measurement
{
    /// <summary>Stands for the evaluation window in a query, e.g. <c>30m</c> or <c>4h</c> in Prometheus.</summary>
    public const string WindowPlaceholder = "$window";

    /// <summary>The metric backend a query is written for when the plan does not say: Prometheus.</summary>
    public const string DefaultSource = "prometheus";

    public required Metric Metric { get; init; }

    public required string Query { get; init; }

    private readonly string _source = DefaultSource;

    /// <summary>The metric backend the query is written for, e.g. "prometheus" (the default).</summary>
    public string Source
    {
        get => _source;
        init => _source = value ?? throw new ArgumentNullException(nameof(Source), "A measurement's source names its metric backend; leave it unset for Prometheus.");
    }
}

/// <summary>
/// How often stop-losses are evaluated and over what window. The default (<see cref="Default"/>) is
/// every minute over the last 5 minutes: short enough to stop fast, long enough not to fire on one bad scrape.
/// </summary>
public sealed record StopLossEvaluation
{
    /// <summary>Every 1 minute, over the last 5 minutes.</summary>
    public static StopLossEvaluation Default { get; } = new() { Every = TimeSpan.FromMinutes(1), Window = TimeSpan.FromMinutes(5) };

    /// <summary>How often the stop-losses are evaluated.</summary>
    public required TimeSpan Every { get; init; }

    /// <summary>The window each evaluation measures over.</summary>
    public required TimeSpan Window { get; init; }
}
