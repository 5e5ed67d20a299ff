using System;
using System.Collections.Generic;
using System.Linq;
using Rollout.Dsl;

namespace Rollout.Semantics;

/// <summary>
/// One stop-loss as the program runs it: evaluated every <see cref="Every"/> over the last <see cref="Window"/>
/// during every step of the program (observation windows, held gates, soaks and waits for a person
/// included), with a predetermined effect per step.
/// </summary>
/// <param name="Index">Position in the plan's stop-loss list, from 0.</param>
/// <param name="StopLoss">The plan's stop-loss: its condition and its action.</param>
/// <param name="Every">The plan's stop-loss cadence (<see cref="RolloutPlan.StopLossEvaluation"/>).</param>
/// <param name="Window">The window each evaluation measures over.</param>
/// <param name="Measurement">How the plan measures the metric; null when it does not say (then the watcher never reads a value and holds).</param>
/// <param name="Effects">The effect of a crossing during each step, indexed like <see cref="ReleaseProgram.Steps"/>.</param>
public sealed record Watcher(int Index, StopLoss StopLoss, TimeSpan Every, TimeSpan Window, Measurement? Measurement, IReadOnlyList<WatcherEffect> Effects)
{
    /// <summary>The condition that, when it holds, means the stop-loss is crossed.</summary>
    public Condition Condition => StopLoss.When;

    /// <summary>The action the plan wrote for this stop-loss.</summary>
    public StopLossAction Action => StopLoss.Action;

    /// <summary>What a crossing does during step <paramref name="step"/>.</summary>
    public WatcherEffect EffectAt(int step) => Effects[step];

    /// <summary>The steps during which a crossing takes the plan's own action automatically (for a rollback stop-loss: every step before the point of no return).</summary>
    public IReadOnlyList<int> ActsDuring =>
        Enumerable.Range(0, Effects.Count).Where(i => Effects[i] != WatcherEffect.ForwardFixRequired).ToList();

    /// <summary>The steps during which a crossing yields "forward fix required" instead of a rollback (at or past the point of no return).</summary>
    public IReadOnlyList<int> ForwardFixDuring =>
        Enumerable.Range(0, Effects.Count).Where(i => Effects[i] == WatcherEffect.ForwardFixRequired).ToList();
}
