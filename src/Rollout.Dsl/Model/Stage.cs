using System;

namespace Rollout.Dsl;

/// <summary>One step of exposure: who sees the change, for how long, and what must hold to go on.</summary>
public sealed record Stage(string Name)
{
    /// <summary>Share of traffic in percent, in (0, 100].</summary>
    public double? TrafficPercent { get; init; }

    /// <summary>Who is in the stage, e.g. "internal users only".</summary>
    public string? Audience { get; init; }

    /// <summary>How long the stage is watched before it may advance (soak time).</summary>
    public TimeSpan? Observe { get; init; }

    /// <summary>Metric gates that must all hold to advance past this stage.</summary>
    public EquatableList<Condition> AdvanceWhen { get; init; } = EquatableList<Condition>.Empty;

    /// <summary>Entry condition: time at the previous stage without incident.</summary>
    public Soak? After { get; init; }

    /// <summary>Roles who may advance or halt this stage by hand.</summary>
    public EquatableList<Role> OverrideBy { get; init; } = EquatableList<Role>.Empty;
}

/// <summary>"N hours at the previous stage without incident".</summary>
public sealed record Soak(TimeSpan Duration, string? Note);
