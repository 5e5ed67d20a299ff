using System;

namespace Rollout.Semantics;

/// <summary>
/// Everything a <see cref="ReleaseRun"/> needs to continue: save it between evaluations (a state file) and
/// <see cref="ReleaseRun.Restore"/> it later, and the run goes on exactly as if it had never stopped.
/// </summary>
/// <param name="Mode">Running, waiting for a person, halted, rolled back or completed.</param>
/// <param name="StageIndex">The stage with traffic; -1 while waiting before the first stage.</param>
/// <param name="StageStartedAt">When that stage started; null before the first stage.</param>
/// <param name="WaitStep">The index of the <see cref="StepKind.WaitForPerson"/> step waited at; null when not waiting.</param>
/// <param name="LastHold">Which hold was reported last (a hold is reported again only when its cause changes); null when none.</param>
public sealed record ReleasePosition(ReleaseMode Mode, int StageIndex, DateTimeOffset? StageStartedAt, int? WaitStep, string? LastHold);
