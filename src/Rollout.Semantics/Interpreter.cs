using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Rollout.Dsl;
using Rollout.Dsl.Text;

namespace Rollout.Semantics;

/// <summary>
/// The reference interpreter: runs a <see cref="ReleaseProgram"/> over a measurement source and people's actions
/// and yields the decision trace. It evaluates at the plan's stop-loss cadence (<c>start + k * Every</c>) and at
/// every action's time; at each tick it takes <see cref="StageGate"/>'s decision for the current stage, so a run and
/// <c>rollout gate</c> never disagree. The rules are docs/semantics.md's.
/// </summary>
public static class Interpreter
{
    /// <summary>
    /// Runs <paramref name="program"/> from <paramref name="start"/> to <paramref name="until"/> (or until it rolls back
    /// or completes). With a source that answers synchronously (<see cref="MetricTimeline"/>) nothing blocks.
    /// </summary>
    public static DecisionTrace Run(ReleaseProgram program, IMeasurementSource source, IEnumerable<HumanAction> actions, DateTimeOffset start, DateTimeOffset until) =>
        RunAsync(program, source, actions, start, until).GetAwaiter().GetResult();

    /// <summary>The same run, reading through <paramref name="source"/> asynchronously.</summary>
    public static async Task<DecisionTrace> RunAsync(ReleaseProgram program, IMeasurementSource source, IEnumerable<HumanAction> actions, DateTimeOffset start, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        if (program is null) throw new ArgumentNullException(nameof(program));
        if (source is null) throw new ArgumentNullException(nameof(source));
        if (actions is null) throw new ArgumentNullException(nameof(actions));
        if (until < start) throw new ArgumentException("The run must end at or after its start (" + TimeText.Of(start) + ").", nameof(until));
        if (program.Plan.Stages.Count == 0) throw new ArgumentException("Plan '" + program.Plan.Id + "' has no stages: there is nothing to run.", nameof(program));

        var run = new RunState(program, source, cancellationToken);
        var every = program.Plan.StopLossEvaluation.Every > TimeSpan.Zero ? program.Plan.StopLossEvaluation.Every : StopLossEvaluation.Default.Every;
        var all = actions.Where(a => a is not null).OrderBy(a => a.Time).ToList();
        var pending = new Queue<HumanAction>(all.Where(a => a.Time >= start && a.Time <= until));
        run.Begin(start);
        foreach (var early in all.Where(a => a.Time < start)) run.Early(early, start);
        for (var tick = start; tick <= until && !run.Finished; tick += every)
        {
            // A person's action at or before this tick is taken first, at its own time.
            while (pending.Count > 0 && pending.Peek().Time <= tick && !run.Finished)
            {
                await run.ActAsync(pending.Dequeue()).ConfigureAwait(false);
            }
            if (!run.Finished) await run.TickAsync(tick).ConfigureAwait(false);
        }
        while (pending.Count > 0 && !run.Finished) await run.ActAsync(pending.Dequeue()).ConfigureAwait(false);
        return new DecisionTrace(program.Plan.Id, start, until, run.Events, run.Final, run.StageName);
    }

    private enum Mode
    {
        Running,
        Waiting,
        Halted,
        RolledBack,
        Completed,
    }

    /// <summary>The state of one run: where the rollout is and what it has said.</summary>
    private sealed class RunState
    {
        private readonly ReleaseProgram _program;
        private readonly IMeasurementSource _source;
        private readonly CancellationToken _cancellation;
        private int _stage = -1;
        private DateTimeOffset _stageStart;
        private Mode _mode = Mode.Running;
        private ProgramStep? _wait;
        private string? _lastHold;

        public RunState(ReleaseProgram program, IMeasurementSource source, CancellationToken cancellation)
        {
            _program = program;
            _source = source;
            _cancellation = cancellation;
        }

        public List<TraceEvent> Events { get; } = new();

        public bool Finished => _mode is Mode.RolledBack or Mode.Completed;

        public string StageName => _stage >= 0 ? Plan.Stages[_stage].Name : "";

        public Decision Final => _mode switch
        {
            Mode.Completed => Decision.Advance,
            Mode.RolledBack => Decision.RollBack,
            Mode.Halted => Decision.Halt,
            _ => Decision.Hold,
        };

        private RolloutPlan Plan => _program.Plan;

        private bool PastPointOfNoReturn => _program.PointOfNoReturnStage is { } ponr && _stage >= ponr;

        public void Begin(DateTimeOffset at)
        {
            if (StageGate.WaitAfter(_program, -1) is { } wait) Wait(at, wait, wait.Why!);
            else StartStage(0, at);
        }

        /// <summary>An action dated before the run: recorded at the start as ignored, so it is not lost silently.</summary>
        public void Early(HumanAction action, DateTimeOffset start) =>
            Emit(start, TraceEventKind.ActionIgnored, Word(action.Kind) + " by '" + action.Role + "' at " + TimeText.Of(action.Time) + " changes nothing: it is before the run starts");

        public async Task TickAsync(DateTimeOffset at)
        {
            if (_stage < 0) return; // waiting before the first stage: nothing of the change is live yet
            var evaluation = await StageGate.EvaluateAsync(_program, _stage, _stageStart, at, _source, _cancellation).ConfigureAwait(false);
            switch (evaluation.Cause)
            {
                case EvaluationCause.StopLossCrossed when evaluation.Decision == Decision.RollBack:
                    Emit(at, TraceEventKind.RollBack, evaluation.Reason);
                    _mode = Mode.RolledBack;
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
            if (_mode != Mode.Running)
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
                    _mode = Mode.Completed;
                    return;
                case EvaluationCause.WaitingForPerson:
                    Wait(at, StageGate.WaitAfter(_program, _stage)!, evaluation.Reason);
                    return;
                default:
                    Emit(at, TraceEventKind.Advance, "'" + StageName + "' may advance to '" + Plan.Stages[_stage + 1].Name + "': " + evaluation.Reason);
                    StartStage(_stage + 1, at);
                    await TickAsync(at).ConfigureAwait(false); // a stage with nothing to wait for decides at once
                    return;
            }
        }

        public async Task ActAsync(HumanAction action)
        {
            var at = action.Time;
            var who = "'" + action.Role + "'";
            if (Finished)
            {
                Emit(at, TraceEventKind.ActionIgnored, Word(action.Kind) + " by " + who + " changes nothing: the rollout has already " + (_mode == Mode.Completed ? "completed" : "rolled back"));
                return;
            }
            switch (action.Kind)
            {
                case HumanActionKind.Approve:
                    if (_mode == Mode.Waiting && _wait is { } wait)
                    {
                        if (!Empowered(wait.Approvers, action.Role))
                        {
                            Emit(at, TraceEventKind.ActionIgnored, "approve by " + who + " changes nothing: the plan lets only " + RoleList(wait.Approvers) + " approve here");
                            return;
                        }
                        Emit(at, TraceEventKind.Approved, "approved by " + who + " (" + wait.Why + ")");
                        StartStage(Plan.Stages.ToList().FindIndex(s => s.Name == wait.NextStage), at);
                        await TickAsync(at).ConfigureAwait(false);
                        return;
                    }
                    if (_mode == Mode.Halted)
                    {
                        var resumers = _program.ApproversAt(_stage);
                        if (!Empowered(resumers, action.Role))
                        {
                            Emit(at, TraceEventKind.ActionIgnored, "approve by " + who + " changes nothing: only " + RoleList(resumers) + " may resume a halted stage");
                            return;
                        }
                        Emit(at, TraceEventKind.Approved, "resumed by " + who + ": '" + StageName + "' runs on from where it halted, its stop-losses still live");
                        _mode = Mode.Running;
                        _lastHold = null;
                        await TickAsync(at).ConfigureAwait(false);
                        return;
                    }
                    Emit(at, TraceEventKind.ActionIgnored, "approve by " + who + " changes nothing: nothing waits for a person while '" + StageName + "' is observing (promote advances it by hand)");
                    return;
                case HumanActionKind.Promote:
                {
                    var stage = _mode == Mode.Waiting && _wait is not null ? _wait.StageIndex : _stage;
                    var roles = _mode == Mode.Waiting && _wait is not null ? _wait.Approvers : _program.ApproversAt(stage);
                    if (!Empowered(roles, action.Role))
                    {
                        Emit(at, TraceEventKind.ActionIgnored, "promote by " + who + " changes nothing: only " + RoleList(roles) + " may advance '" + (stage >= 0 ? Plan.Stages[stage].Name : Plan.Stages[0].Name) + "' by hand");
                        return;
                    }
                    var next = _mode == Mode.Waiting && _wait is not null ? Plan.Stages.ToList().FindIndex(s => s.Name == _wait.NextStage) : _stage + 1;
                    if (next >= Plan.Stages.Count)
                    {
                        Emit(at, TraceEventKind.Approved, "promoted by " + who + ": '" + StageName + "' is the last stage");
                        Emit(at, TraceEventKind.Completed, "completed by hand by " + who);
                        _mode = Mode.Completed;
                        return;
                    }
                    Emit(at, TraceEventKind.Approved, "promoted by " + who + ": advance to '" + Plan.Stages[next].Name + "' by hand");
                    StartStage(next, at);
                    await TickAsync(at).ConfigureAwait(false);
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
                _mode = Mode.RolledBack;
                return;
            }
            if (Empowered(_program.OverridersAt(_stage), role) || (anyReason && _stage < 0))
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
            _mode = Mode.Running;
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
            _mode = Mode.Waiting;
            _wait = wait;
            _lastHold = null;
            Emit(at, TraceEventKind.WaitingForPerson, reason.Contains("waiting for", StringComparison.Ordinal) ? reason : reason + "; waiting for " + StageGate.Approvers(wait));
        }

        private void Halt(DateTimeOffset at, TraceEventKind kind, string reason)
        {
            if (_mode == Mode.Halted) return; // already halted: nothing new happens until a person acts
            _mode = Mode.Halted;
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

        private void Emit(DateTimeOffset at, TraceEventKind kind, string reason) => Events.Add(new TraceEvent(at, StageName, kind, reason));

        private static bool Empowered(IReadOnlyList<Role> roles, string role) => roles.Any(r => ReleaseProgram.SameRole(r, Role.Named(role)));

        private static string RoleList(IReadOnlyList<Role> roles) => roles.Count == 0 ? "no role (the plan names none)" : string.Join(" or ", roles.Select(r => "'" + r.Name + "'"));

        private static string Word(HumanActionKind kind) => kind switch
        {
            HumanActionKind.Approve => "approve",
            HumanActionKind.Promote => "promote",
            _ => "abort",
        };
    }
}
