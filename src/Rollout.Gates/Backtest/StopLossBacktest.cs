using System;
using System.Collections.Generic;
using Rollout.Dsl;
using Rollout.Semantics;

namespace Rollout.Gates.Backtest;

/// <summary>What one stop-loss would have done over the period.</summary>
/// <param name="Condition">When it is crossed.</param>
/// <param name="Action">What the plan says a crossing does.</param>
/// <param name="Query">The query run for every evaluation (the plan's, with the stop-loss window).</param>
/// <param name="Evaluations">How many evaluations there were.</param>
/// <param name="WithValue">How many of them had a value.</param>
/// <param name="Problems">Evaluations without a value, per kind of problem (each holds, as live).</param>
/// <param name="FirstProblem">The first problem's time and detail; null when every evaluation had a value.</param>
/// <param name="Firings">Every firing, in time order.</param>
/// <param name="Incidents">Per incident given, whether and when it was caught.</param>
/// <param name="FalseAlarms">Firings outside every incident's span.</param>
/// <param name="FalseAlarmsPerWeek">False alarms per 7 days of the period.</param>
/// <param name="Suggestion">The suggested threshold, or why there is none.</param>
/// <param name="Chart">The values over the period, as extremes per bucket.</param>
public sealed record StopLossBacktest(
    Condition Condition,
    StopLossAction Action,
    string Query,
    long Evaluations,
    long WithValue,
    IReadOnlyDictionary<ReadingProblem, long> Problems,
    (DateTimeOffset At, string Detail)? FirstProblem,
    IReadOnlyList<Firing> Firings,
    IReadOnlyList<IncidentDetection> Incidents,
    int FalseAlarms,
    double FalseAlarmsPerWeek,
    ThresholdSuggestion Suggestion,
    IReadOnlyList<ChartPoint> Chart);
