namespace Rollout.Semantics;

/// <summary>Which rule decided a <see cref="StageEvaluation"/>; the interpreter reports a hold again only when this (or its metric) changes.</summary>
public enum EvaluationCause
{
    /// <summary>A stop-loss is crossed and acts as the plan says (roll back or halt).</summary>
    StopLossCrossed,

    /// <summary>A rollback stop-loss is crossed at or past the point of no return: halt, forward fix.</summary>
    ForwardFixRequired,

    /// <summary>A stop-loss has no usable value.</summary>
    StopLossUnreadable,

    /// <summary>The stage's window or the next stage's soak has not run yet.</summary>
    TimeToRun,

    /// <summary>The last stage: there is nothing to advance to.</summary>
    LastStage,

    /// <summary>An advance gate has no usable value.</summary>
    GateUnreadable,

    /// <summary>An advance gate does not hold.</summary>
    GateNotMet,

    /// <summary>Everything passes, but the next step is a wait for a person (the point of no return, or a stage nothing else can prove).</summary>
    WaitingForPerson,

    /// <summary>Everything passes with evidence: advance.</summary>
    AllPass,
}
