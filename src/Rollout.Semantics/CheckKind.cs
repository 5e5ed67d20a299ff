namespace Rollout.Semantics;

/// <summary>Whether a check is a stop-loss (decided first) or one of the stage's advance gates.</summary>
public enum CheckKind
{
    /// <summary>A stop-loss, measured over the plan's stop-loss window.</summary>
    StopLoss,

    /// <summary>An advance gate of the stage, measured over its gate window.</summary>
    AdvanceGate,
}
