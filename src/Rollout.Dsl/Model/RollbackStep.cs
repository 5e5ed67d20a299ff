using System;

namespace Rollout.Dsl;

/// <summary>The kinds of rollback, from cheapest to most expensive.</summary>
public enum RollbackKind
{
    /// <summary>Turn a feature flag off; seconds, no deploy.</summary>
    Config,
    /// <summary>Redeploy the previous artifact; minutes; clean only if the schema did not change.</summary>
    Code,
    /// <summary>Revert a migration with a down-migration or backfill, or declare it irreversible.</summary>
    Schema,
    /// <summary>Correct records written with the new logic.</summary>
    DataRepair,
}

/// <summary>One step of the rollback, in the order it is executed.</summary>
public sealed record RollbackStep
{
    public required RollbackKind Kind { get; init; }

    /// <summary>What the step acts on: the flag, the artifact, the down-migration or the repair script.</summary>
    public required string Target { get; init; }

    /// <summary>How long the step takes (for data repair: the estimate).</summary>
    public TimeSpan? Takes { get; init; }

    /// <summary>False for a schema change that cannot be reverted without downtime.</summary>
    public bool Reversible { get; init; } = true;

    /// <summary>The condition under which the step applies, e.g. "duplicates were written".</summary>
    public string? When { get; init; }

    /// <summary>Who runs the step (required for data repair).</summary>
    public string? Owner { get; init; }

    /// <summary>Where the detailed procedure lives.</summary>
    public string? Runbook { get; init; }

    /// <summary>What the step repairs or restores, in words.</summary>
    public string? Scope { get; init; }
}
