namespace Rollout.Semantics;

/// <summary>What a crossed stop-loss does during a given step. Nobody is asked in any case.</summary>
public enum WatcherEffect
{
    /// <summary>Roll back at once (a rollback stop-loss before the point of no return).</summary>
    RollBack,

    /// <summary>Halt where the rollout is and page the owner (a halt stop-loss, at any step).</summary>
    Halt,

    /// <summary>Halt and name the forward-fix path and its owner (a rollback stop-loss at or past the point of no return).</summary>
    ForwardFixRequired,
}
