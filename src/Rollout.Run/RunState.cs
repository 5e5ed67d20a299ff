using System;
using System.Collections.Generic;
using Rollout.Semantics;

namespace Rollout.Run;

/// <summary>
/// The state file of one release (schemas/rollout-run-state.v1.schema.json): which plan (id and hash) it runs with
/// which flag file, where the release is, the actions decided but not yet done (write-ahead), those done, and the
/// approvals. Saved atomically after every step of an evaluation.
/// </summary>
public sealed record RunState
{
    public const string KindName = "rollout-run-state";

    public const int CurrentVersion = 1;

    public string Kind { get; init; } = KindName;

    public int Version { get; init; } = CurrentVersion;

    public required PlanIdentity Plan { get; init; }

    /// <summary>The plan file, as a full path (what <c>rollout approve</c> reads the authority rules from).</summary>
    public required string PlanFile { get; init; }

    /// <summary>The flag target's name (flagd, feature-management).</summary>
    public required string Target { get; init; }

    /// <summary>The flag key given with --flag; null: the plan's config rollback flag.</summary>
    public string? Flag { get; init; }

    /// <summary>The flag file, as a full path.</summary>
    public required string FlagFile { get; init; }

    /// <summary>How many evaluations have been decided; the next one is this plus 1.</summary>
    public int Evaluations { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? LastEvaluatedAt { get; init; }

    /// <summary>Where the release is; null before the first evaluation.</summary>
    public ReleasePosition? Position { get; init; }

    /// <summary>Decided, not yet known to be done: a resumed run does these first.</summary>
    public IReadOnlyList<RunAction> Pending { get; init; } = [];

    /// <summary>Audit lines decided, not yet known to be in the audit log: a resumed run appends those it does not find there.</summary>
    public IReadOnlyList<AuditEntry> Journal { get; init; } = [];

    public IReadOnlyList<RunAction> Completed { get; init; } = [];

    public IReadOnlyList<Approval> Approvals { get; init; } = [];
}

/// <summary>Which plan a state file and an audit line belong to: its id and the SHA-256 of its canonical JSON.</summary>
public sealed record PlanIdentity(string Id, string Hash);
