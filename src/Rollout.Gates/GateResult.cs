using System;
using System.Collections.Generic;
using Rollout.Semantics;

namespace Rollout.Gates;

/// <summary>The decision for one stage of one plan, with every check that led to it.</summary>
/// <param name="Decision">Advance, hold, roll back or halt (<see cref="Rollout.Semantics.Decision"/>; its value is the exit code).</param>
/// <param name="Reason">One sentence: why this decision.</param>
/// <param name="Checks">Stop-losses first (plan order), then the stage's advance gates: the query that ran, the value seen and the verdict.</param>
/// <param name="TimeLeft">How much of the stage's observation time is still to run; null when not known or elapsed.</param>
public sealed record GateResult(
    string PlanId,
    string Stage,
    Decision Decision,
    string Reason,
    IReadOnlyList<CheckResult> Checks,
    DateTimeOffset EvaluatedAt,
    TimeSpan? TimeLeft)
{
    /// <summary>The process exit code of `rollout gate`: 0 advance, 10 hold, 20 roll back, 30 halt.</summary>
    public int ExitCode => (int)Decision;
}
