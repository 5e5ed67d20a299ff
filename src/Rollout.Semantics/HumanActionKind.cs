namespace Rollout.Semantics;

/// <summary>What a person does to a running rollout.</summary>
public enum HumanActionKind
{
    /// <summary>Ends a wait for a person (e.g. before the point of no return); advances nothing that is still observing.</summary>
    Approve,

    /// <summary>Advances the current stage now by hand, whatever its window and gates say (an override); also ends a wait. Never overrides a crossed stop-loss.</summary>
    Promote,

    /// <summary>Stops the rollout: rolls back before the point of no return (roles that may trigger a rollback for any reason), halts otherwise.</summary>
    Abort,
}
