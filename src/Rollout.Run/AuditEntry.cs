using System;

namespace Rollout.Run;

/// <summary>
/// One line of the audit log (schemas/rollout-audit.v1.schema.json): a decision (<see cref="Type"/> "decision", what
/// the release did and why) or an action (the flag file written, the announcement posted). <see cref="Id"/> is stable,
/// so a resumed run never writes a line twice.
/// </summary>
public sealed record AuditEntry
{
    public const string Decision = "decision";

    public const string Action = "action";

    public required string Id { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required string Plan { get; init; }

    public required string PlanHash { get; init; }

    /// <summary>The stage the release was at ("" before its first stage).</summary>
    public required string Stage { get; init; }

    /// <summary><see cref="Decision"/> or <see cref="Action"/>.</summary>
    public required string Type { get; init; }

    /// <summary>Decisions: stageStarted, advance, hold, rollBack, halt, waitingForPerson, approved, pointOfNoReturnPassed, forwardFixRequired, completed, actionIgnored. Actions: writeFlag, announce.</summary>
    public required string What { get; init; }

    public required string Why { get; init; }

    /// <summary>approved: the role that approved (from <c>rollout approve</c>).</summary>
    public string? By { get; init; }

    /// <summary>approved: the approver's note.</summary>
    public string? Note { get; init; }

    /// <summary>writeFlag: the file written.</summary>
    public string? FlagFile { get; init; }

    /// <summary>writeFlag: the stage whose configuration was written, or "rollback".</summary>
    public string? Point { get; init; }

    /// <summary>announce: the announcement's id, also inside its text, the same on a resend.</summary>
    public string? AnnouncementId { get; init; }

    /// <summary>announce: the plan's channel.</summary>
    public string? Channel { get; init; }

    /// <summary>announce: whether the webhook accepted it.</summary>
    public bool? Delivered { get; init; }

    /// <summary>announce: how many posts it took.</summary>
    public int? Attempts { get; init; }

    /// <summary>announce: from the decision to the webhook's acceptance (ISO 8601 duration); null when not delivered.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>announce: whether it was delivered within the plan's deadline; null when the plan names none.</summary>
    public bool? DeadlineMet { get; init; }
}
