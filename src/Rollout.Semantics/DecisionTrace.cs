using System;
using System.Collections.Generic;

namespace Rollout.Semantics;

/// <summary>The result of one interpreter run: every event in time order and where the run ended.</summary>
/// <param name="PlanId">The plan's id.</param>
/// <param name="Start">The run's first moment.</param>
/// <param name="Until">The run's last moment (it ends earlier once rolled back or completed).</param>
/// <param name="Events">What happened, in time order (ties in the order they were decided).</param>
/// <param name="Final">
/// The final state as a gate answer: <see cref="Decision.Advance"/> completed, <see cref="Decision.RollBack"/> rolled back,
/// <see cref="Decision.Halt"/> halted (forward fix required included), <see cref="Decision.Hold"/> still observing, holding or waiting.
/// </param>
/// <param name="FinalStage">The stage the run ended at.</param>
public sealed record DecisionTrace(string PlanId, DateTimeOffset Start, DateTimeOffset Until, IReadOnlyList<TraceEvent> Events, Decision Final, string FinalStage)
{
    /// <summary>The process exit code of <c>rollout simulate</c>: the final state's gate code.</summary>
    public int ExitCode => (int)Final;
}
