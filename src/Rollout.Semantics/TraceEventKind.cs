namespace Rollout.Semantics;

/// <summary>What happened at one moment of a run.</summary>
public enum TraceEventKind
{
    /// <summary>A stage's traffic was set: the stage began.</summary>
    StageStarted,

    /// <summary>The stage's window, gates and soak were satisfied (or a person promoted it): the next step begins.</summary>
    Advance,

    /// <summary>The stage stays where it is: a gate not met, or data missing, stale, ambiguous or failing (reported when the cause changes).</summary>
    Hold,

    /// <summary>A rollback stop-loss was crossed (or an abort) before the point of no return: rolled back, nobody asked. Final.</summary>
    RollBack,

    /// <summary>A halt stop-loss was crossed (or an override role aborted): the rollout stops advancing where it is.</summary>
    Halt,

    /// <summary>The program waits for an empowered person to approve or promote.</summary>
    WaitingForPerson,

    /// <summary>An empowered person approved or promoted.</summary>
    Approved,

    /// <summary>The point of no return was passed: from now on rollback is not automatic.</summary>
    PointOfNoReturnPassed,

    /// <summary>A rollback stop-loss was crossed (or an abort) past the point of no return: halted, the forward-fix path and its owner named.</summary>
    ForwardFixRequired,

    /// <summary>The last stage took its traffic and its window (if any) passed: the rollout is complete. Final.</summary>
    Completed,

    /// <summary>A person's action that the plan does not empower, or that has nothing to act on at that moment; it changes nothing.</summary>
    ActionIgnored,
}
