using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Rollout.Dsl;
using Rollout.Dsl.Dialects;
using Rollout.Dsl.Text;

namespace Rollout.Semantics;

/// <summary>
/// One point of the program: the decision for a stage at a moment, as <c>rollout gate</c> answers it and as the
/// interpreter takes it at every tick. Read every check first (<see cref="ChecksOf"/>, any
/// <see cref="IMeasurementSource"/>), then decide with the pure <see cref="Decide"/>. The rules, in order:
/// a crossed stop-loss acts (rollback outranks halt; at or past the point of no return a rollback becomes halt with
/// the forward fix); an unreadable stop-loss holds; time still to run holds; then the gates, which must all pass
/// with a value; the last stage has nothing to advance to; and a stage followed by a wait for a person holds until a person acts.
/// </summary>
public static class StageGate
{
    /// <summary>The checks of stage <paramref name="stageIndex"/> as of <paramref name="now"/>: every stop-loss (plan order), then the stage's advance gates.</summary>
    public static IReadOnlyList<CheckRequest> ChecksOf(ReleaseProgram program, int stageIndex, DateTimeOffset now)
    {
        if (program is null) throw new ArgumentNullException(nameof(program));
        var plan = program.Plan;
        var stage = plan.Stages[stageIndex];
        var checks = new List<CheckRequest>();
        foreach (var watcher in program.Watchers)
        {
            checks.Add(Request(CheckKind.StopLoss, watcher.Condition, watcher.Action, watcher.Measurement, watcher.Window, now));
        }
        var window = plan.GateWindowOf(stage);
        foreach (var gate in stage.AdvanceWhen)
        {
            checks.Add(Request(CheckKind.AdvanceGate, gate, null, plan.MeasurementOf(gate.Metric), window, now));
        }
        return checks;
    }

    /// <summary>Reads every check of the stage through <paramref name="source"/> (in order, all of them), then <see cref="Decide"/>s.</summary>
    public static async Task<StageEvaluation> EvaluateAsync(ReleaseProgram program, int stageIndex, DateTimeOffset? startedAt, DateTimeOffset now, IMeasurementSource source, CancellationToken cancellationToken = default)
    {
        if (source is null) throw new ArgumentNullException(nameof(source));
        var results = new List<CheckResult>();
        foreach (var request in ChecksOf(program, stageIndex, now))
        {
            var reading = request.Measure.Measurement is null
                ? Reading.Failed(ReadingProblem.NoData, "the plan does not say how " + request.Condition.Metric.Name + " is measured (ROLL024)")
                : await source.ReadAsync(request.Measure, cancellationToken).ConfigureAwait(false);
            results.Add(CheckResult.Of(request, reading));
        }
        return Decide(program, stageIndex, startedAt, now, results);
    }

    /// <summary>
    /// The pure decision for stage <paramref name="stageIndex"/> given every check's result. <paramref name="startedAt"/>
    /// is when the stage started; without it, the stage's time is taken as run.
    /// </summary>
    public static StageEvaluation Decide(ReleaseProgram program, int stageIndex, DateTimeOffset? startedAt, DateTimeOffset now, IReadOnlyList<CheckResult> checks)
    {
        if (program is null) throw new ArgumentNullException(nameof(program));
        if (checks is null) throw new ArgumentNullException(nameof(checks));
        var plan = program.Plan;
        var stage = plan.Stages[stageIndex];
        var timeLeft = TimeLeft(program, stageIndex, startedAt, now);
        StageEvaluation Result(Decision decision, EvaluationCause cause, string reason, CheckResult? subject = null) =>
            new(stage.Name, decision, cause, reason, checks, now, timeLeft, subject);

        // Rolling back is the stronger protection, so a crossed rollback stop-loss outranks a crossed halt.
        var crossed = checks.Where(c => c.Verdict == Verdict.Crossed).OrderBy(c => c.Action == StopLossAction.Rollback ? 0 : 1).FirstOrDefault();
        if (crossed is not null)
        {
            if (crossed.Action != StopLossAction.Rollback)
            {
                return Result(Decision.Halt, EvaluationCause.StopLossCrossed, "stop-loss crossed: " + Describe(crossed) + "; halt the rollout where it is", crossed);
            }
            if (program.IsPastPointOfNoReturnStage(stageIndex))
            {
                return Result(Decision.Halt, EvaluationCause.ForwardFixRequired, "stop-loss crossed: " + Describe(crossed) + "; " + PastPointOfNoReturn(program), crossed);
            }
            return Result(Decision.RollBack, EvaluationCause.StopLossCrossed, "stop-loss crossed: " + Describe(crossed) + "; roll back now", crossed);
        }
        var stopLossNoData = checks.FirstOrDefault(c => c.Kind == CheckKind.StopLoss && c.Verdict == Verdict.NoData);
        if (stopLossNoData is not null)
        {
            return Result(Decision.Hold, EvaluationCause.StopLossUnreadable, "stop-loss " + ConditionText.Describe(stopLossNoData.Condition) + " could not be evaluated: " + stopLossNoData.Reason, stopLossNoData);
        }
        if (timeLeft is { } left)
        {
            return Result(Decision.Hold, EvaluationCause.TimeToRun, "stage '" + stage.Name + "' must run " + Invariant.Duration(left) + " longer before it may advance");
        }
        var gates = checks.Where(c => c.Kind == CheckKind.AdvanceGate).ToList();
        var noData = gates.FirstOrDefault(c => c.Verdict == Verdict.NoData);
        if (noData is not null)
        {
            return Result(Decision.Hold, EvaluationCause.GateUnreadable, "no data for advance gate " + ConditionText.Describe(noData.Condition) + ": " + noData.Reason, noData);
        }
        var failed = gates.FirstOrDefault(c => c.Verdict == Verdict.Fail);
        if (failed is not null)
        {
            return Result(Decision.Hold, EvaluationCause.GateNotMet, "advance gate not met: " + Describe(failed), failed);
        }
        if (stageIndex == plan.Stages.Count - 1)
        {
            return Result(Decision.Hold, EvaluationCause.LastStage, "'" + stage.Name + "' is the last stage: there is nothing to advance to");
        }
        var stopLosses = checks.Count(c => c.Kind == CheckKind.StopLoss);
        var wait = WaitAfter(program, stageIndex);
        if (wait is not null)
        {
            var evidence = gates.Count == 0
                ? "stage '" + stage.Name + "' has no advance gates, so nothing proves it may advance"
                : "all " + stopLosses + " stop-loss(es) clear and all " + gates.Count + " advance gate(s) pass, but " + wait.Why;
            return Result(Decision.Hold, EvaluationCause.WaitingForPerson, evidence + "; waiting for " + Approvers(wait));
        }
        var soak = gates.Count == 0 && plan.Stages[stageIndex + 1].After is { } after ? " and " + Invariant.Duration(after.Duration) + " at '" + stage.Name + "' have run" : "";
        return Result(Decision.Advance, EvaluationCause.AllPass, "all " + stopLosses + " stop-loss(es) clear and all " + gates.Count + " advance gate(s) pass" + soak);
    }

    /// <summary>
    /// How long the stage must still run: <see cref="ReleaseProgram.RequiredTimeAt"/> minus the time since
    /// <paramref name="startedAt"/>, in whole seconds rounded up (never a left-over of milliseconds that reads like
    /// "done"). Null without a start time or when elapsed.
    /// </summary>
    public static TimeSpan? TimeLeft(ReleaseProgram program, int stageIndex, DateTimeOffset? startedAt, DateTimeOffset now)
    {
        if (program is null) throw new ArgumentNullException(nameof(program));
        if (startedAt is not { } started) return null;
        var left = program.RequiredTimeAt(stageIndex) - (now - started);
        return left > TimeSpan.Zero ? TimeSpan.FromSeconds(Math.Ceiling(left.TotalSeconds)) : null;
    }

    /// <summary>The wait for a person between stage <paramref name="stageIndex"/> and the next, if the program has one there.</summary>
    public static ProgramStep? WaitAfter(ReleaseProgram program, int stageIndex)
    {
        if (program is null) throw new ArgumentNullException(nameof(program));
        return program.Steps.FirstOrDefault(step => step.Kind == StepKind.WaitForPerson && step.StageIndex == stageIndex);
    }

    /// <summary>What the tool says at or past the point of no return instead of "roll back": the forward-fix path and its owner.</summary>
    public static string PastPointOfNoReturn(ReleaseProgram program)
    {
        if (program is null) throw new ArgumentNullException(nameof(program));
        var ponr = program.Plan.PointOfNoReturn;
        var stage = program.PointOfNoReturnStage is { } index ? program.Plan.Stages[index].Name : "?";
        return "the point of no return was passed when '" + stage + "' started, so nothing rolls back automatically: halt and fix forward: "
            + (string.IsNullOrWhiteSpace(ponr?.ForwardFix) ? "(the plan names no forward-fix path)" : ponr!.ForwardFix)
            + " (owner: " + (string.IsNullOrWhiteSpace(ponr?.Owner) ? "not named in the plan" : ponr!.Owner) + ")";
    }

    /// <summary>"a person in role eng lead or on-call engineer", or that the plan names nobody.</summary>
    public static string Approvers(ProgramStep wait)
    {
        if (wait is null) throw new ArgumentNullException(nameof(wait));
        return wait.Approvers.Count == 0
            ? "a person, but the plan names no role that may approve (add MayOverride or a stage's OverrideBy)"
            : "a person in role " + string.Join(" or ", wait.Approvers.Select(r => r.Name)) + " to approve";
    }

    private static CheckRequest Request(CheckKind kind, Condition condition, StopLossAction? action, Measurement? measurement, TimeSpan window, DateTimeOffset now) =>
        new(kind, condition, action, new MeasurementRequest(condition.Metric, measurement, window, now), QueryText(measurement, window));

    // What a report shows as the check's query: as Prometheus runs it, or as written for another source (whose own
    // measurement source fills in $window).
    private static string? QueryText(Measurement? measurement, TimeSpan window) =>
        measurement is null ? null : PrometheusDialect.IsFor(measurement) ? PrometheusDialect.QueryOver(measurement, window) : measurement.Query;

    private static string Describe(CheckResult check) =>
        ConditionText.Describe(check.Condition) + " (observed " + ConditionText.Threshold(Math.Round(check.Observed ?? double.NaN, 4), check.Condition.Metric.Unit) + ")";
}
