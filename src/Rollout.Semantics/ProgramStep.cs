using System;
using System.Collections.Generic;
using Rollout.Dsl;

namespace Rollout.Semantics;

/// <summary>
/// One step of a <see cref="ReleaseProgram"/>. Which properties are set depends on <see cref="Kind"/>;
/// the others keep their defaults.
/// </summary>
/// <param name="Index">Position in <see cref="ReleaseProgram.Steps"/>, from 0.</param>
/// <param name="Kind">What the step does.</param>
/// <param name="StageIndex">
/// The stage where the step runs, i.e. whose traffic is live during it (for <see cref="StepKind.WaitForPerson"/>
/// the stage the rollout waits at: -1 when it waits before the first stage starts); for
/// <see cref="StepKind.PointOfNoReturn"/> the stage whose start is the point of no return.
/// </param>
/// <param name="Stage">The name of that stage ("" for index -1).</param>
public sealed record ProgramStep(int Index, StepKind Kind, int StageIndex, string Stage)
{
    /// <summary><see cref="StepKind.SetTraffic"/>: the stage's share of traffic in percent.</summary>
    public double? TrafficPercent { get; init; }

    /// <summary><see cref="StepKind.SetTraffic"/>: who is in the stage, as the plan says.</summary>
    public string? Audience { get; init; }

    /// <summary>
    /// <see cref="StepKind.Observe"/>: the observation window (zero for a stage with gates but no window);
    /// <see cref="StepKind.Soak"/>: the soak, counted from the start of the stage it runs at (so it overlaps the observation window).
    /// </summary>
    public TimeSpan Duration { get; init; }

    /// <summary><see cref="StepKind.Observe"/>: the advance gates, all of which must pass with evidence at the end of the window.</summary>
    public IReadOnlyList<Condition> Gates { get; init; } = Array.Empty<Condition>();

    /// <summary><see cref="StepKind.Observe"/>: the window the gates are measured over (<see cref="RolloutPlan.GateWindowOf"/>).</summary>
    public TimeSpan GateWindow { get; init; }

    /// <summary><see cref="StepKind.Soak"/>: the plan's note, e.g. "at 'staged' without incident".</summary>
    public string? Note { get; init; }

    /// <summary><see cref="StepKind.Soak"/> and <see cref="StepKind.WaitForPerson"/>: the stage that may start once this step is done.</summary>
    public string? NextStage { get; init; }

    /// <summary><see cref="StepKind.WaitForPerson"/>: the roles whose approve or promote ends the wait (empty: nobody the plan names can).</summary>
    public IReadOnlyList<Role> Approvers { get; init; } = Array.Empty<Role>();

    /// <summary><see cref="StepKind.WaitForPerson"/>: why a person is needed here, in words.</summary>
    public string? Why { get; init; }

    /// <summary><see cref="StepKind.PointOfNoReturn"/>: the plan's forward-fix path.</summary>
    public string? ForwardFix { get; init; }

    /// <summary><see cref="StepKind.PointOfNoReturn"/>: who carries out the forward fix.</summary>
    public string? ForwardFixOwner { get; init; }
}
