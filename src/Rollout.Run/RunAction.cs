using System;

namespace Rollout.Run;

/// <summary>
/// An action a decision calls for, recorded in the state file before it is taken (write-ahead) and marked done after:
/// a resumed run finishes what a killed one had decided, and nothing twice. <see cref="Id"/> is stable:
/// <c>&lt;plan&gt;/&lt;evaluation&gt;/&lt;n&gt;</c>.
/// </summary>
public sealed record RunAction
{
    public const string WriteFlag = "writeFlag";

    public const string Announce = "announce";

    public required string Id { get; init; }

    /// <summary><see cref="WriteFlag"/> or <see cref="Announce"/>.</summary>
    public required string Kind { get; init; }

    /// <summary>The moment of the decision that called for it (the evaluation's time).</summary>
    public required DateTimeOffset DecidedAt { get; init; }

    /// <summary>The stage the release was at when it was decided.</summary>
    public required string Stage { get; init; }

    /// <summary>writeFlag: the stage whose configuration is written, or "rollback" (the flag off for everyone).</summary>
    public string? Point { get; init; }

    /// <summary>announce: the message (Slack's <c>text</c>).</summary>
    public string? Text { get; init; }

    /// <summary>announce: the plan's announcement channel; null when the plan names none.</summary>
    public string? Channel { get; init; }

    /// <summary>announce: the plan's deadline (<c>Announcement.Within</c>); null when the plan names none.</summary>
    public TimeSpan? Within { get; init; }

    /// <summary>announce: the run's own clock when the rollback was decided; the deadline counts from here.</summary>
    public DateTimeOffset? DetectedAt { get; init; }
}
