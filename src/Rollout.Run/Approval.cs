using System;

namespace Rollout.Run;

/// <summary>A person's approval, recorded by <c>rollout approve</c> and taken by the run at its next evaluation.</summary>
public sealed record Approval
{
    public required string Id { get; init; }

    /// <summary>The role, as the plan names it.</summary>
    public required string By { get; init; }

    public string? Note { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    /// <summary>The evaluation that acted on it; null until then.</summary>
    public DateTimeOffset? TakenAt { get; init; }
}
