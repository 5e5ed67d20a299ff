using System;
using System.Collections.Generic;

namespace Rollout.Gates.Backtest;

/// <summary>What to replay: the period, the known incidents, the stage(s), and the limits of the range queries.</summary>
public sealed record BacktestOptions
{
    /// <summary>The first evaluation; the plan's cadence counts from here.</summary>
    public required DateTimeOffset From { get; init; }

    /// <summary>The last moment evaluated (inclusive).</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>Known incidents inside the period.</summary>
    public IReadOnlyList<Incident> Incidents { get; init; } = Array.Empty<Incident>();

    /// <summary>The stage whose decisions are replayed; null: every stage (its gates' held share each), decisions of the first.</summary>
    public string? Stage { get; init; }

    /// <summary>Evaluations per range query; Prometheus refuses more than <see cref="PrometheusRange.MaxPointsPerSeries"/>.</summary>
    public int MaxPointsPerQuery { get; init; } = PrometheusRange.MaxPointsPerSeries;

    /// <summary>Range queries in flight at once.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Points of each stop-loss's chart series, at most one per evaluation (the values are kept as the extremes per bucket, so memory does not grow with the period).</summary>
    public int ChartPoints { get; init; } = 600;

    /// <summary>Retries and the per-attempt timeout of each range query (<see cref="GateOptions.Timeout"/> is not used: a chunk's attempts are bounded by <see cref="GateOptions.AttemptTimeout"/> and <see cref="GateOptions.Retries"/>).</summary>
    public GateOptions Http { get; init; } = new() { AttemptTimeout = TimeSpan.FromSeconds(60) };
}
