namespace Rollout.Semantics;

/// <summary>Where a release stands between two evaluations (<see cref="ReleasePosition.Mode"/>).</summary>
public enum ReleaseMode
{
    /// <summary>A stage is live and observed: its window, gates and soak decide when it advances.</summary>
    Running,

    /// <summary>Waiting for an empowered person to approve or promote (<see cref="ReleasePosition.WaitStep"/>); stop-losses stay live.</summary>
    Waiting,

    /// <summary>Halted where it is (a halt stop-loss, forward fix required, or an override's abort); rollback stop-losses stay live.</summary>
    Halted,

    /// <summary>Rolled back. Final.</summary>
    RolledBack,

    /// <summary>Completed: the last stage has all the traffic. Final.</summary>
    Completed,
}
