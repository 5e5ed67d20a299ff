using System;
using System.Collections.Generic;

namespace Rollout.Semantics;

/// <summary>The decision for one stage at one moment, with every check that led to it.</summary>
/// <param name="Stage">The stage evaluated.</param>
/// <param name="Decision">Advance, hold, roll back or halt.</param>
/// <param name="Cause">The rule that decided.</param>
/// <param name="Reason">One sentence: why this decision.</param>
/// <param name="Checks">Stop-losses first (plan order), then the stage's advance gates.</param>
/// <param name="EvaluatedAt">The moment evaluated ("now").</param>
/// <param name="TimeLeft">How much of the stage's required time is still to run (whole seconds, rounded up); null when not known or elapsed.</param>
/// <param name="Subject">The check the decision is about (the crossed stop-loss, the unreadable or failed check); null otherwise.</param>
public sealed record StageEvaluation(
    string Stage,
    Decision Decision,
    EvaluationCause Cause,
    string Reason,
    IReadOnlyList<CheckResult> Checks,
    DateTimeOffset EvaluatedAt,
    TimeSpan? TimeLeft,
    CheckResult? Subject);
