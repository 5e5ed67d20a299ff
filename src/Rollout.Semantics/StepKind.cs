namespace Rollout.Semantics;

/// <summary>What one step of a <see cref="ReleaseProgram"/> does.</summary>
public enum StepKind
{
    /// <summary>Send the stage's share of traffic (its audience) to the new version; the stage starts.</summary>
    SetTraffic,

    /// <summary>Watch the stage for its observation window, then require every advance gate to pass over that window.</summary>
    Observe,

    /// <summary>"N h at the previous stage without incident": time at the stage, counted from the stage's start, before the next stage may start.</summary>
    Soak,

    /// <summary>Nothing proceeds until an empowered person approves or promotes (before a point of no return, or where nothing else can prove the stage may advance).</summary>
    WaitForPerson,

    /// <summary>The point of no return is passed: from here on a crossed rollback stop-loss means forward fix, not rollback.</summary>
    PointOfNoReturn,
}
