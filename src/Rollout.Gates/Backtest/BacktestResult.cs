using System;
using System.Collections.Generic;
using System.Linq;

namespace Rollout.Gates.Backtest;

/// <summary>A plan replayed over history: per stop-loss its firings, detections and suggestion; per stage how often its gates held.</summary>
/// <param name="PlanId">The plan.</param>
/// <param name="From">The first evaluation.</param>
/// <param name="To">The end of the period.</param>
/// <param name="Every">The cadence (the plan's stop-loss evaluation).</param>
/// <param name="Window">The stop-loss window.</param>
/// <param name="Stage">The stage whose decisions are reported with each firing.</param>
/// <param name="Incidents">The incidents given.</param>
/// <param name="StopLosses">Per stop-loss, in plan order.</param>
/// <param name="Stages">Per stage replayed, in plan order.</param>
/// <param name="RangeQueries">How many range queries were run.</param>
public sealed record BacktestResult(
    string PlanId,
    DateTimeOffset From,
    DateTimeOffset To,
    TimeSpan Every,
    TimeSpan Window,
    string Stage,
    IReadOnlyList<Incident> Incidents,
    IReadOnlyList<StopLossBacktest> StopLosses,
    IReadOnlyList<StageBacktest> Stages,
    int RangeQueries)
{
    /// <summary>Every incident caught by at least one stop-loss.</summary>
    public bool EveryIncidentCaught => Enumerable.Range(0, Incidents.Count).All(i => StopLosses.Any(s => s.Incidents[i].DetectedAt is not null));

    /// <summary>The exit code: 0 every incident caught and no false alarm; 1 an incident missed or a false alarm.</summary>
    public int ExitCode => EveryIncidentCaught && StopLosses.All(s => s.FalseAlarms == 0) ? 0 : 1;
}
