using System;
using System.Collections.Generic;

namespace Rollout.Dsl;

/// <summary>One step of exposure: who sees the change, for how long, and what must hold to go on.</summary>
public sealed record Stage
{
    private readonly EquatableList<Condition> _advanceWhen = EquatableList<Condition>.Empty;
    private readonly EquatableList<Role> _overrideBy = EquatableList<Role>.Empty;

    /// <summary>The stage's name, unique in the plan.</summary>
    public required string Name { get; init; }

    /// <summary>Share of traffic in percent, in (0, 100].</summary>
    public double? TrafficPercent { get; init; }

    /// <summary>Who is in the stage, e.g. "internal users only".</summary>
    public string? Audience { get; init; }

    /// <summary>How long the stage is watched before it may advance (soak time).</summary>
    public TimeSpan? Observe { get; init; }

    /// <summary>Metric gates that must all hold to advance past this stage.</summary>
    public IReadOnlyList<Condition> AdvanceWhen { get => _advanceWhen; init => _advanceWhen = EquatableList<Condition>.Of(value); }

    /// <summary>Entry condition: time at the previous stage without incident.</summary>
    public Soak? After { get; init; }

    /// <summary>Roles who may advance or halt this stage by hand.</summary>
    public IReadOnlyList<Role> OverrideBy { get => _overrideBy; init => _overrideBy = EquatableList<Role>.Of(value); }
}

/// <summary>"N hours at the previous stage without incident".</summary>
public sealed record Soak
{
    /// <summary>How long at the previous stage.</summary>
    public required TimeSpan Duration { get; init; }

    /// <summary>What "without incident" means here, in words.</summary>
    public string? Note { get; init; }
}
