namespace Rollout.Gates;

/// <summary>
/// What the pipeline does next. The numeric values are the `rollout gate` exit codes, the same as
/// <see cref="Rollout.Semantics.Decision"/>'s, which decides them (this is its name in the gate's API).
/// </summary>
public enum GateDecision
{
    /// <summary>Every stop-loss is clear and every advance gate passed with evidence: go to the next stage.</summary>
    Advance = 0,
    /// <summary>Stay at this stage: a gate failed, had no data, or the observation window has not elapsed.</summary>
    Hold = 10,
    /// <summary>A stop-loss whose action is rollback was crossed before the plan's point of no return.</summary>
    RollBack = 20,
    /// <summary>A stop-loss whose action is halt was crossed (and none whose action is rollback), or any stop-loss at or past the point of no return.</summary>
    Halt = 30,
}

/// <summary>Whether a check is a stop-loss (evaluated first) or one of the stage's advance gates.</summary>
public enum CheckKind
{
    StopLoss,
    AdvanceGate,
}

/// <summary>The outcome of one check.</summary>
public enum Verdict
{
    /// <summary>An advance gate holds.</summary>
    Pass,
    /// <summary>An advance gate does not hold.</summary>
    Fail,
    /// <summary>A stop-loss is not crossed.</summary>
    Clear,
    /// <summary>A stop-loss is crossed.</summary>
    Crossed,
    /// <summary>No usable value: never treated as a pass.</summary>
    NoData,
}
