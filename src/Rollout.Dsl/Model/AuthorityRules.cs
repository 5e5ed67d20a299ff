using System;
using System.Collections.Generic;

namespace Rollout.Dsl;

/// <summary>Who may trigger a rollback, how it is announced and who is only informed.</summary>
public sealed record AuthorityRules
{
    private readonly EquatableList<TriggerRight> _triggers = EquatableList<TriggerRight>.Empty;
    private readonly EquatableList<Role> _overrides = EquatableList<Role>.Empty;
    private readonly EquatableList<Role> _informed = EquatableList<Role>.Empty;
    private readonly EquatableList<Role> _signOff = EquatableList<Role>.Empty;

    public IReadOnlyList<TriggerRight> Triggers { get => _triggers; init => _triggers = EquatableList<TriggerRight>.Of(value); }

    /// <summary>Roles who may advance or halt any stage by hand.</summary>
    public IReadOnlyList<Role> Overrides { get => _overrides; init => _overrides = EquatableList<Role>.Of(value); }

    public Announcement? Announcement { get; init; }

    /// <summary>Notified, never consulted.</summary>
    public IReadOnlyList<Role> Informed { get => _informed; init => _informed = EquatableList<Role>.Of(value); }

    /// <summary>Sign-off required before rolling back; any entry is a defect (ROLL014).</summary>
    public IReadOnlyList<Role> SignOff { get => _signOff; init => _signOff = EquatableList<Role>.Of(value); }
}

/// <summary>A role's right to trigger a rollback on some grounds.</summary>
public sealed record TriggerRight
{
    public required Role Role { get; init; }

    public required Trigger When { get; init; }
}

/// <summary>Where and how fast every rollback is announced.</summary>
public sealed record Announcement
{
    public required string Channel { get; init; }

    public required TimeSpan Within { get; init; }

    /// <summary>What every announcement includes, e.g. "reason and timestamp".</summary>
    public string? Include { get; init; }
}
