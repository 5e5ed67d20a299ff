namespace Rollout.Semantics;

/// <summary>
/// The outcome of one evaluation of a stage. The numeric values are the fixed exit codes of
/// <c>rollout gate</c> (and of <c>rollout simulate</c> for the final state of a run).
/// </summary>
public enum Decision
{
    /// <summary>Every stop-loss is clear and every advance condition holds with evidence: go to the next stage (exit 0).</summary>
    Advance = 0,

    /// <summary>Stay at this stage: time still to run, a gate not met, data missing, or a person still to decide (exit 10).</summary>
    Hold = 10,

    /// <summary>A stop-loss whose action is rollback was crossed before the point of no return, or an abort before it (exit 20).</summary>
    RollBack = 20,

    /// <summary>Stop advancing where the rollout is: a crossed halt stop-loss, or any crossed stop-loss at or past the point of no return (exit 30).</summary>
    Halt = 30,
}
