using System;
using Rollout.Dsl;

namespace Rollout.Gates;

/// <summary>One stop-loss or advance gate as evaluated: the query that ran, the value seen and the verdict.</summary>
/// <param name="Query">The exact query sent to Prometheus (window filled in); null when the plan has no measurement.</param>
/// <param name="Observed">The value Prometheus returned; null when there was none.</param>
/// <param name="Reason">Why the verdict is <see cref="Verdict.NoData"/>, in words a person can act on; null otherwise.</param>
/// <param name="Action">The stop-loss's action; null for an advance gate.</param>
public sealed record GateCheck(
    CheckKind Kind,
    Condition Condition,
    string? Query,
    TimeSpan Window,
    double? Observed,
    Verdict Verdict,
    string? Reason,
    StopLossAction? Action);
