using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Rollout.Dsl;
using Rollout.Dsl.Text;

namespace Rollout.Semantics;

/// <summary>
/// One release, advanced one evaluation at a time: where it is (<see cref="Position"/>, which can be saved and
/// <see cref="Restore"/>d), a <see cref="TickAsync"/> at each evaluation and an <see cref="ActAsync"/> for each person's
/// action. Each call returns the events it decided. <see cref="Interpreter.Run"/> drives one over a whole timeline;
/// <c>rollout run</c> drives one against live measurements, saving the position between evaluations. At each tick it
/// takes <see cref="StageGate"/>'s decision for the current stage, so a run and <c>rollout gate</c> never disagree.
/// </summary>
public sealed class ReleaseRun
{
    private readonly ReleaseProgram _program;
    private readonly List<TraceEvent> _events = new();
    private int _stage = -1;
    private DateTimeOffset _stageStart;
    private ReleaseMode _mode = ReleaseMode.Running;
    private ProgramStep? _wait;
    private string? _lastHold;

    private ReleaseRun(ReleaseProgram program)
    {
        _program = program ?? throw new ArgumentNullException(nameof(program));
        if (program.Plan.Stages.Count == 0) throw new ArgumentException("Plan '" + program.Plan.Id + "' has no stages: there is nothing to run.", nameof(program));
    }

    /// <summary>Starts a release at <paramref name="at"/>: its first stage starts, or the wait before it begins. <paramref name="started"/> are the events of the start.</summary>
    public static ReleaseRun Start(ReleaseProgram program, DateTimeOffset at, out IReadOnlyList<TraceEvent> started)
    {
        var run = new ReleaseRun(program);
        if (StageGate.WaitAfter(program, -1) is { } wait) run.Wait(at, wait, wait.Why!);
        else run.StartStage(0, at);
        started = run.Take();
        return run;
    }

    /// <summary>The release of <paramref name="program"/> continued from a saved <paramref name="position"/>; throws <see cref="ArgumentException"/> for a position the program cannot have.</summary>
    public static ReleaseRun Restore(ReleaseProgram program, ReleasePosition position)
    {
        if (position is null) throw new ArgumentNullException(nameof(position));
        var run = new ReleaseRun(program);
        var stages = program.Plan.Stages.Count;
        if (position.StageIndex < -1 || position.StageIndex >= stages || (position.StageIndex >= 0) != position.StageStartedAt.HasValue)
        {
            throw new ArgumentException("The position names stage " + position.StageIndex + " (started " + (position.StageStartedAt is { } s ? TimeText.Of(s) : "never") + "), which plan '" + program.Plan.Id + "' cannot be at.", nameof(position));
        }
        ProgramStep? wait = null;
        if (position.WaitStep is { } step)
        {
            wait = step >= 0 && step < program.Steps.Count && program.Steps[step].Kind == StepKind.WaitForPerson && program.Steps[step].StageIndex == position.StageIndex
                ? program.Steps[step]
                : throw new ArgumentException("The position waits at step " + step + ", which is no wait for a person at that stage of plan '" + program.Plan.Id + "'.", nameof(position));
        }
        if ((position.Mode == ReleaseMode.Waiting) != (wait is not null) || (position.StageIndex < 0 && position.Mode != ReleaseMode.Waiting && position.Mode != ReleaseMode.Halted))
        {
            throw new ArgumentException("The position's mode " + position.Mode + " does not fit its stage and wait.", nameof(position));
        }
        run._stage = position.StageIndex;
        run._stageStart = position.StageStartedAt ?? default;
        run._mode = position.Mode;
        run._wait = wait;
        run._lastHold = position.LastHold;
        return run;
    }

    /// <summary>Where the release is now: save it to continue later.</summary>
    public ReleasePosition Position => new(_mode, _stage, _stage >= 0 ? _stageStart : null, _wait?.Index, _lastHold);

    /// <summary>The program this release runs.</summary>
    public ReleaseProgram Program => _program;

    /// <summary>Rolled back or completed: nothing more happens.</summary>
    public bool Finished => _mode is ReleaseMode.RolledBack or ReleaseMode.Completed;

    /// <summary>Nothing more can happen without a person: finished, or halted where no rollback stop-loss can act (the plan has none, or the point of no return is passed).</summary>
    public bool Settled => Finished
        || (_mode == ReleaseMode.Halted && !(Plan.StopLosses.Any(s => s.Action == StopLossAction.Rollback) && !PastPointOfNoReturn));

    /// <summary>The stage with traffic; "" before the first stage.</summary>
    public string StageName => _stage >= 0 ? Plan.Stages[_stage].Name : "";

    /// <summary>The state as a gate answer: completed advance, rolled back, halted, or hold (observing, holding, waiting).</summary>
    public Decision State => StateOf(_mode);

    /// <summary>A release in <paramref name="mode"/> as a gate answer (<see cref="State"/>).</summary>
    public static Decision StateOf(ReleaseMode mode) => mode switch
    {
        ReleaseMode.Completed => Decision.Advance,
        ReleaseMode.RolledBack => Decision.RollBack,
        ReleaseMode.Halted => Decision.Halt,
        _ => Decision.Hold,
    };

    /// <summary>The last stage decision a tick took (its checks and the crossed stop-loss, if any); null before the first tick of this instance.</summary>
    public StageEvaluation? LastEvaluation { get; private set; }

    /// <summary>
    /// Who may approve now, and what the approval does: while waiting, the wait's approvers; while halted, those who may
    /// resume the stage (<see cref="ReleaseProgram.ApproversAt"/>); otherwise nobody (null: nothing waits for a person).
    /// </summary>
    public (IReadOnlyList<Role> Roles, string What)? ApprovalAwaited => _mode switch
    {
        ReleaseMode.Waiting when _wait is not null => (_wait.Approvers, "start '" + _wait.NextStage + "' (" + _wait.Why + ")"),
        ReleaseMode.Halted when _stage >= 0 => (_program.ApproversAt(_stage), "resume '" + StageName + "' where it halted"),
        _ => null,
    };

    private RolloutPlan Plan => _program.Plan;

    private bool PastPointOfNoReturn => _program.IsPastPointOfNoReturnStage(_stage);

    /// <summary>An action dated before the run: recorded at the start as ignored, so it is not lost silently.</summary>
    public IReadOnlyList<TraceEvent> Early(HumanAction action, DateTimeOffset start)
    {
        if (action is null) throw new ArgumentNullException(nameof(action));
        Emit(start, TraceEventKind.ActionIgnored, Word(action.Kind) + " by '" + action.Role + "' at " + TimeText.Of(action.Time) + " changes nothing: it is before the run starts");
        return Take();
    }

    /// <summary>One evaluation at <paramref name="at"/>: the stage's decision through <paramref name="source"/>, and what follows from it.</summary>
    public async Task<IReadOnlyList<TraceEvent>> TickAsync(DateTimeOffset at, IMeasurementSource source, CancellationToken cancellationToken = default)
    {
        if (source is null) throw new ArgumentNullException(nameof(source));
        if (!Finished) await Tick(at, source, cancellationToken).ConfigureAwait(false);
        return Take();
    }

    /// <summary>A person's action at its time; a tick follows where the action starts a stage (a stage with nothing to wait for decides at once).</summary>
    public async Task<IReadOnlyList<TraceEvent>> ActAsync(HumanAction action, IMeasurementSource source, CancellationToken cancellationToken = default)
    {
        if (action is null) throw new ArgumentNullException(nameof(action));
        if (source is null) throw new ArgumentNullException(nameof(source));
        await Act(action, source, cancellationToken).ConfigureAwait(false);
        return Take();
    }

    private IReadOnlyList<TraceEvent> Take()
    {
        var taken = _events.ToList();
        _events.Clear();
        return taken;
    }

    private async Task Tick(DateTimeOffset at, IMeasurementSource source, CancellationToken cancellation)
    {
        if (_stage < 0) return; // waiting before the first stage: nothing of the change is live yet
        var evaluation = await StageGate.EvaluateAsync(_program, _stage, _stageStart, at, source, cancellation).ConfigureAwait(false);
        LastEvaluation = evaluation;
        switch (evaluation.Cause)
        {
            case EvaluationCause.StopLossCrossed when evaluation.Decision == Decision.RollBack:
                Emit(at, TraceEventKind.RollBack, evaluation.Reason);
                _mode = ReleaseMode.RolledBack;
                return;
            case EvaluationCause.StopLossCrossed:
                Halt(at, TraceEventKind.Halt, evaluation.Reason);
                return;
            case EvaluationCause.ForwardFixRequired:
                Halt(at, TraceEventKind.ForwardFixRequired, evaluation.Reason);
                return;
            case EvaluationCause.StopLossUnreadable:
                Hold(at, evaluation);
                return;
        }
        if (_mode != ReleaseMode.Running)
        {
            // Waiting for a person or halted: only the stop-losses act, and they were read above.
            _lastHold = null;
            return;
        }
        switch (evaluation.Cause)
        {
            case EvaluationCause.TimeToRun:
                _lastHold = null;
                return;
            case EvaluationCause.GateUnreadable:
            case EvaluationCause.GateNotMet:
                Hold(at, evaluation);
                return;
            case EvaluationCause.LastStage:
                Emit(at, TraceEventKind.Completed, "'" + StageName + "' has all the traffic" + (_program.RequiredTimeAt(_stage) > TimeSpan.Zero ? " and its window has run" : "") + " with every stop-loss clear: the rollout is complete");
                _mode = ReleaseMode.Completed;
                return;
            case EvaluationCause.WaitingForPerson:
                Wait(at, StageGate.WaitAfter(_program, _stage)!, evaluation.Reason);
                return;
            default:
                Emit(at, TraceEventKind.Advance, "'" + StageName + "' may advance to '" + Plan.Stages[_stage + 1].Name + "': " + evaluation.Reason);
                StartStage(_stage + 1, at);
                await Tick(at, source, cancellation).ConfigureAwait(false); // a stage with nothing to wait for decides at once
                return;
        }
    }

    private async Task Act(HumanAction action, IMeasurementSource source, CancellationToken cancellation)
    {
        var at = action.Time;
        var who = "'" + action.Role + "'";
        if (Finished)
        {
            Emit(at, TraceEventKind.ActionIgnored, Word(action.Kind) + " by " + who + " changes nothing: the rollout has already " + (_mode == ReleaseMode.Completed ? "completed" : "rolled back"));
            return;
        }
        switch (action.Kind)
        {
            case HumanActionKind.Approve:
                if (_mode == ReleaseMode.Waiting && _wait is { } wait)
                {
                    if (!ReleaseProgram.Empowered(wait.Approvers, action.Role))
                    {
                        Emit(at, TraceEventKind.ActionIgnored, "approve by " + who + " changes nothing: the plan lets only " + RoleList(wait.Approvers) + " approve here");
                        return;
                    }
                    Emit(at, TraceEventKind.Approved, "approved by " + who + " (" + wait.Why + ")");
                    StartStage(_program.StageIndexOf(wait.NextStage!), at);
                    await Tick(at, source, cancellation).ConfigureAwait(false);
                    return;
                }
                if (_mode == ReleaseMode.Halted)
                {
                    var resumers = _program.ApproversAt(_stage);
                    if (!ReleaseProgram.Empowered(resumers, action.Role))
                    {
                        Emit(at, TraceEventKind.ActionIgnored, "approve by " + who + " changes nothing: only " + RoleList(resumers) + " may resume a halted stage");
                        return;
                    }
                    Emit(at, TraceEventKind.Approved, "resumed by " + who + ": '" + StageName + "' runs on from where it halted, its stop-losses still live");
                    _mode = ReleaseMode.Running;
                    _lastHold = null;
                    await Tick(at, source, cancellation).ConfigureAwait(false);
                    return;
                }
                Emit(at, TraceEventKind.ActionIgnored, "approve by " + who + " changes nothing: nothing waits for a person while '" + StageName + "' is observing (promote advances it by hand)");
                return;
            case HumanActionKind.Promote:
            {
                var waiting = _mode == ReleaseMode.Waiting && _wait is not null;
                var stage = waiting ? _wait!.StageIndex : _stage;
                var roles = waiting ? _wait!.Approvers : _program.ApproversAt(stage);
                if (!ReleaseProgram.Empowered(roles, action.Role))
                {
                    Emit(at, TraceEventKind.ActionIgnored, "promote by " + who + " changes nothing: only " + RoleList(roles) + " may advance '" + (stage >= 0 ? Plan.Stages[stage].Name : Plan.Stages[0].Name) + "' by hand");
                    return;
                }
                var next = waiting ? _program.StageIndexOf(_wait!.NextStage!) : _stage + 1;
                if (next >= Plan.Stages.Count)
                {
                    Emit(at, TraceEventKind.Approved, "promoted by " + who + ": '" + StageName + "' is the last stage");
                    Emit(at, TraceEventKind.Completed, "completed by hand by " + who);
                    _mode = ReleaseMode.Completed;
                    return;
                }
                Emit(at, TraceEventKind.Approved, "promoted by " + who + ": advance to '" + Plan.Stages[next].Name + "' by hand");
                StartStage(next, at);
                await Tick(at, source, cancellation).ConfigureAwait(false);
                return;
            }
            default:
                Abort(at, action.Role, who);
                return;
        }
    }

    private void Abort(DateTimeOffset at, string role, string who)
    {
        var anyReason = Plan.Authority?.Triggers.Any(t => t.When == Trigger.AnyReason && ReleaseProgram.SameRole(t.Role, Role.Named(role))) == true;
        if (anyReason && _stage >= 0)
        {
            if (PastPointOfNoReturn)
            {
                Halt(at, TraceEventKind.ForwardFixRequired, "aborted by " + who + "; " + StageGate.PastPointOfNoReturn(_program));
                return;
            }
            Emit(at, TraceEventKind.RollBack, "aborted by " + who + " (may trigger a rollback for any reason): roll back now");
            _mode = ReleaseMode.RolledBack;
            return;
        }
        if (ReleaseProgram.Empowered(_program.OverridersAt(_stage), role) || (anyReason && _stage < 0))
        {
            Halt(at, TraceEventKind.Halt, "halted by " + who + (_stage < 0 ? " before the rollout started" : ""));
            return;
        }
        Emit(at, TraceEventKind.ActionIgnored, "abort by " + who + " changes nothing: the plan lets it trigger a rollback only when a stop-loss is crossed, or not at all (a crossed stop-loss acts by itself)");
    }

    private void StartStage(int index, DateTimeOffset at)
    {
        _stage = index;
        _stageStart = at;
        _mode = ReleaseMode.Running;
        _wait = null;
        _lastHold = null;
        var stage = Plan.Stages[index];
        if (_program.PointOfNoReturnStage == index)
        {
            Emit(at, TraceEventKind.PointOfNoReturnPassed, "'" + stage.Name + "' starts: from now on a crossed rollback stop-loss means forward fix ("
                + (Plan.PointOfNoReturn?.ForwardFix ?? "no path named") + ", owner: " + (Plan.PointOfNoReturn?.Owner ?? "not named") + "), not rollback");
        }
        var traffic = stage.TrafficPercent is { } percent ? Invariant.Number(percent) + " % of traffic" : "traffic not set in the plan";
        var observe = _program.RequiredTimeAt(index);
        Emit(at, TraceEventKind.StageStarted, traffic + (stage.Audience is { } audience ? " (" + audience + ")" : "")
            + (observe > TimeSpan.Zero ? "; it must run " + Invariant.Duration(observe) + " before it may advance" : ""));
    }

    private void Wait(DateTimeOffset at, ProgramStep wait, string reason)
    {
        _mode = ReleaseMode.Waiting;
        _wait = wait;
        _lastHold = null;
        Emit(at, TraceEventKind.WaitingForPerson, reason.Contains("waiting for", StringComparison.Ordinal) ? reason : reason + "; waiting for " + StageGate.Approvers(wait));
    }

    private void Halt(DateTimeOffset at, TraceEventKind kind, string reason)
    {
        if (_mode == ReleaseMode.Halted) return; // already halted: nothing new happens until a person acts
        _mode = ReleaseMode.Halted;
        _wait = null;
        _lastHold = null;
        Emit(at, kind, reason);
    }

    private void Hold(DateTimeOffset at, StageEvaluation evaluation)
    {
        var key = evaluation.Cause + "|" + (evaluation.Subject is { } subject ? subject.Kind + " " + ConditionText.Describe(subject.Condition) + " " + subject.Problem : "");
        if (key == _lastHold) return;
        _lastHold = key;
        Emit(at, TraceEventKind.Hold, evaluation.Reason);
    }

    private void Emit(DateTimeOffset at, TraceEventKind kind, string reason) => _events.Add(new TraceEvent(at, StageName, kind, reason));

    private static string RoleList(IReadOnlyList<Role> roles) => roles.Count == 0 ? "no role (the plan names none)" : string.Join(" or ", roles.Select(r => "'" + r.Name + "'"));

    private static string Word(HumanActionKind kind) => kind switch
    {
        HumanActionKind.Approve => "approve",
        HumanActionKind.Promote => "promote",
        _ => "abort",
    };
}
