using System;
using System.Collections.Generic;
using System.Linq;
using Rollout.Dsl;

namespace Rollout.Semantics;

/// <summary>
/// A plan compiled to an engine-neutral program: the steps a rollout goes through, in order, and the
/// watchers (stop-losses) that run beside them. The gate, the interpreter and every exporter read a plan's
/// meaning over time from here. Compile with <see cref="Compile"/>; docs/semantics.md states the rules.
/// </summary>
public sealed class ReleaseProgram
{
    private ReleaseProgram(RolloutPlan plan, IReadOnlyList<ProgramStep> steps, IReadOnlyList<Watcher> watchers, int? pointOfNoReturnStep)
    {
        Plan = plan;
        Steps = steps;
        Watchers = watchers;
        PointOfNoReturnStep = pointOfNoReturnStep;
    }

    /// <summary>The plan this program was compiled from.</summary>
    public RolloutPlan Plan { get; }

    /// <summary>
    /// The steps in order. Per stage: <see cref="StepKind.SetTraffic"/>; <see cref="StepKind.Observe"/> when it
    /// has a window or gates; <see cref="StepKind.Soak"/> when the next stage asks for time at this one;
    /// <see cref="StepKind.WaitForPerson"/> before the point-of-no-return stage and wherever nothing else proves the
    /// stage may advance; <see cref="StepKind.PointOfNoReturn"/> just before the point-of-no-return stage starts.
    /// </summary>
    public IReadOnlyList<ProgramStep> Steps { get; }

    /// <summary>One watcher per stop-loss, in the plan's order.</summary>
    public IReadOnlyList<Watcher> Watchers { get; }

    /// <summary>The index of the <see cref="StepKind.PointOfNoReturn"/> step; null when the plan has none (or names no stage of its own).</summary>
    public int? PointOfNoReturnStep { get; }

    /// <summary>Whether step <paramref name="step"/> is at or past the point of no return.</summary>
    public bool IsPastPointOfNoReturn(int step) => PointOfNoReturnStep is { } ponr && step >= ponr;

    /// <summary>The index of the point-of-no-return stage (whose start is the point of no return); null when there is none.</summary>
    public int? PointOfNoReturnStage => PointOfNoReturnStep is { } ponr ? Steps[ponr].StageIndex : null;

    /// <summary>Whether stage <paramref name="stageIndex"/> is the point-of-no-return stage or after it: a crossed rollback stop-loss there means forward fix.</summary>
    public bool IsPastPointOfNoReturnStage(int stageIndex) => PointOfNoReturnStage is { } ponr && stageIndex >= ponr;

    /// <summary>How often a release of <paramref name="plan"/> is evaluated: its stop-loss cadence, or the default's when the plan's is not positive.</summary>
    public static TimeSpan EvaluationInterval(RolloutPlan plan) =>
        plan.StopLossEvaluation.Every > TimeSpan.Zero ? plan.StopLossEvaluation.Every : StopLossEvaluation.Default.Every;

    /// <summary>The index of the plan's stage named <paramref name="stage"/>; -1 when it has none.</summary>
    public int StageIndexOf(string stage)
    {
        for (var i = 0; i < Plan.Stages.Count; i++)
        {
            if (Plan.Stages[i].Name == stage) return i;
        }
        return -1;
    }

    /// <summary>The time a stage must run before it may advance: its observation window or the next stage's soak, whichever is longer.</summary>
    public TimeSpan RequiredTimeAt(int stageIndex)
    {
        var required = Plan.Stages[stageIndex].Observe ?? TimeSpan.Zero;
        if (required < TimeSpan.Zero) required = TimeSpan.Zero;
        if (stageIndex + 1 < Plan.Stages.Count && Plan.Stages[stageIndex + 1].After is { } soak && soak.Duration > required) required = soak.Duration;
        return required;
    }

    /// <summary>The shortest time the whole program can take with no one waiting: the sum of <see cref="RequiredTimeAt"/> over the stages.</summary>
    public TimeSpan NominalLength => Enumerable.Range(0, Plan.Stages.Count).Aggregate(TimeSpan.Zero, (sum, i) => sum + RequiredTimeAt(i));

    /// <summary>
    /// The roles who may end a wait for a person at stage <paramref name="stageIndex"/> (advance it by hand):
    /// the stage's override roles and the plan-wide override roles; when the plan names neither, every role the
    /// authority rules let trigger a rollback (they are the people on the release).
    /// </summary>
    public IReadOnlyList<Role> ApproversAt(int stageIndex) => ApproversFor(Plan, stageIndex);

    /// <summary>The roles the plan lets advance or halt stage <paramref name="stageIndex"/> by hand: its <c>OverrideBy</c> and the plan-wide overrides (no fallback).</summary>
    public IReadOnlyList<Role> OverridersAt(int stageIndex) => OverridersFor(Plan, stageIndex);

    /// <summary>Role names compare without regard to case: "On-call engineer" is "on-call engineer".</summary>
    public static bool SameRole(Role a, Role b) => string.Equals(a?.Name, b?.Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="role"/> (a name, as a person gives it) is one of <paramref name="roles"/>.</summary>
    public static bool Empowered(IReadOnlyList<Role> roles, string role) => roles.Any(r => SameRole(r, Role.Named(role)));

    /// <summary>Compiles <paramref name="plan"/>. Never throws for a plan the reader accepted; an incomplete plan compiles to what it says.</summary>
    public static ReleaseProgram Compile(RolloutPlan plan)
    {
        if (plan is null) throw new ArgumentNullException(nameof(plan));
        var stages = plan.Stages;
        var ponrStage = plan.PointOfNoReturn?.AfterStage is { } name ? IndexOf(stages, name) : -1;
        var steps = new List<ProgramStep>();
        int? ponrStep = null;
        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            if (i == ponrStage)
            {
                var before = i == 0 ? "the rollout starts" : "'" + stage.Name + "' starts";
                steps.Add(new ProgramStep(steps.Count, StepKind.WaitForPerson, i - 1, i == 0 ? "" : stages[i - 1].Name)
                {
                    NextStage = stage.Name,
                    Approvers = ApproversFor(plan, i - 1),
                    Why = "the point of no return is passed when " + before,
                });
                ponrStep = steps.Count;
                steps.Add(new ProgramStep(steps.Count, StepKind.PointOfNoReturn, i, stage.Name)
                {
                    ForwardFix = plan.PointOfNoReturn!.ForwardFix,
                    ForwardFixOwner = plan.PointOfNoReturn.Owner,
                });
            }
            steps.Add(new ProgramStep(steps.Count, StepKind.SetTraffic, i, stage.Name) { TrafficPercent = stage.TrafficPercent, Audience = stage.Audience });
            var observe = stage.Observe is { } window && window > TimeSpan.Zero ? window : TimeSpan.Zero;
            if (observe > TimeSpan.Zero || stage.AdvanceWhen.Count > 0)
            {
                steps.Add(new ProgramStep(steps.Count, StepKind.Observe, i, stage.Name)
                {
                    Duration = observe,
                    Gates = stage.AdvanceWhen.ToList(),
                    GateWindow = plan.GateWindowOf(stage),
                });
            }
            if (i + 1 >= stages.Count) continue;
            var next = stages[i + 1];
            if (next.After is { } soak)
            {
                steps.Add(new ProgramStep(steps.Count, StepKind.Soak, i, stage.Name) { Duration = soak.Duration, Note = soak.Note, NextStage = next.Name });
            }
            else if (stage.AdvanceWhen.Count == 0 && i + 1 != ponrStage)
            {
                steps.Add(new ProgramStep(steps.Count, StepKind.WaitForPerson, i, stage.Name)
                {
                    NextStage = next.Name,
                    Approvers = ApproversFor(plan, i),
                    Why = "stage '" + stage.Name + "' has no advance gates and the next stage no soak, so nothing but a person can say it may advance",
                });
            }
        }
        var watchers = plan.StopLosses
            .Select((stopLoss, index) => new Watcher(index, stopLoss, plan.StopLossEvaluation.Every, plan.StopLossEvaluation.Window, plan.MeasurementOf(stopLoss.When?.Metric),
                steps.Select(step => EffectOf(stopLoss.Action, ponrStep is { } p && step.Index >= p)).ToList()))
            .ToList();
        return new ReleaseProgram(plan, steps, watchers, ponrStep);
    }

    private static WatcherEffect EffectOf(StopLossAction action, bool pastPointOfNoReturn) =>
        action == StopLossAction.Halt ? WatcherEffect.Halt
        : pastPointOfNoReturn ? WatcherEffect.ForwardFixRequired
        : WatcherEffect.RollBack;

    // ApproversAt's rule; Compile uses it before the instance exists.
    private static IReadOnlyList<Role> ApproversFor(RolloutPlan plan, int stageIndex)
    {
        var overriders = OverridersFor(plan, stageIndex);
        return overriders.Count > 0 || plan.Authority is null ? overriders : Distinct(plan.Authority.Triggers.Select(t => t.Role));
    }

    private static IReadOnlyList<Role> OverridersFor(RolloutPlan plan, int stageIndex) => Distinct(
        (stageIndex >= 0 && stageIndex < plan.Stages.Count ? plan.Stages[stageIndex].OverrideBy : Enumerable.Empty<Role>())
        .Concat(plan.Authority?.Overrides ?? Enumerable.Empty<Role>()));

    private static IReadOnlyList<Role> Distinct(IEnumerable<Role> roles)
    {
        var distinct = new List<Role>();
        foreach (var role in roles)
        {
            if (role is not null && !distinct.Any(r => SameRole(r, role))) distinct.Add(role);
        }
        return distinct;
    }

    private static int IndexOf(IReadOnlyList<Stage> stages, string name)
    {
        for (var i = 0; i < stages.Count; i++)
        {
            if (stages[i].Name == name) return i;
        }
        return -1;
    }
}
