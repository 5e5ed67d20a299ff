using System;
using System.Collections.Generic;
using Rollout.Semantics;

namespace Rollout.Cli.Simulation;

/// <summary>One timeline point as written, with where it was written ("timeline.csv:7", "timeline.json: $.metrics.error_rate[2]").</summary>
public sealed record PointInput(string Where, string Metric, TimeRef Time, TimelinePointKind Kind, double Value, string? Detail);

/// <summary>One human action as written, with where it was written.</summary>
public sealed record ActionInput(string Where, TimeRef Time, HumanActionKind Kind, string Role);

/// <summary>What the timeline and actions files say, before times are resolved against the start.</summary>
public sealed class SimulationInput
{
    public List<PointInput> Points { get; } = new();

    public List<ActionInput> Actions { get; } = new();

    /// <summary>The JSON timeline's "start"; null when not given.</summary>
    public DateTimeOffset? Start { get; set; }

    /// <summary>The JSON timeline's "staleAfter"; null when not given.</summary>
    public TimeSpan? StaleAfter { get; set; }
}
