using System;

namespace Rollout.Dsl;

/// <summary>Who may trigger a rollback, how it is announced and who is only informed.</summary>
public sealed record AuthorityRules
{
    public EquatableList<TriggerRight> Triggers { get; init; } = EquatableList<TriggerRight>.Empty;

    /// <summary>Roles who may advance or halt any stage by hand.</summary>
    public EquatableList<Role> Overrides { get; init; } = EquatableList<Role>.Empty;

    public Announcement? Announcement { get; init; }

    /// <summary>Notified, never consulted.</summary>
    public EquatableList<Role> Informed { get; init; } = EquatableList<Role>.Empty;

    /// <summary>Sign-off required before rolling back; any entry is a defect (ROLL014).</summary>
    public EquatableList<Role> SignOff { get; init; } = EquatableList<Role>.Empty;
}

/// <summary>A role's right to trigger a rollback on some grounds.</summary>
public sealed record TriggerRight(Role Role, Trigger When);

/// <summary>Where and how fast every rollback is announced.</summary>
public sealed record Announcement(string Channel, TimeSpan Within, string? Include);
