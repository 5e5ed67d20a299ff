using System;

namespace Rollout.Gates.Backtest;

/// <summary>Whether a stop-loss caught one incident, and how long after it began.</summary>
/// <param name="Incident">The incident.</param>
/// <param name="DetectedAt">The first evaluation in the incident's span at which the stop-loss was crossed; null: missed.</param>
/// <param name="Peak">The most extreme value read in the span (null without a reading there).</param>
public sealed record IncidentDetection(Incident Incident, DateTimeOffset? DetectedAt, double? Peak)
{
    /// <summary>Detection delay: from the incident's start to the first firing in it; null when missed.</summary>
    public TimeSpan? Delay => DetectedAt is { } at ? at - Incident.From : null;
}
