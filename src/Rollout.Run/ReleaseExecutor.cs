using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Rollout.Dsl;
using Rollout.Dsl.Text;
using Rollout.Export.Flags;
using Rollout.Semantics;

namespace Rollout.Run;

/// <summary>
/// Executes a release one evaluation at a time. Each evaluation, under the state file's lock:
/// <list type="number">
/// <item>finishes what a killed run had decided (the state's journal and pending actions);</item>
/// <item>restores the <see cref="ReleaseRun"/> from the state, takes the approvals recorded since, and ticks it at the evaluation's time: the decisions are the semantics library's, never re-derived here;</item>
/// <item>saves the new position with the actions the decisions call for (write-ahead: the flag file of a started stage;
/// on a rollback the rollback's flag file, then the announcement);</item>
/// <item>appends the decisions to the audit log, then takes each action, records it in the audit log and marks it done in the state.</item>
/// </list>
/// Every step is idempotent or recorded before the next, so a run killed anywhere resumes without repeating or losing an action.
/// </summary>
public sealed class ReleaseExecutor
{
    public const string AfterDecision = "after-decision";

    public const string AfterFlagWrite = "after-flag-write";

    public const string AfterAnnounce = "after-announce";

    private readonly RunSetup _setup;
    private readonly ReleaseProgram _program;
    private readonly PlanIdentity _identity;
    private readonly AuditLog _audit;
    private readonly AuditLines _lines;

    public ReleaseExecutor(RunSetup setup)
    {
        _setup = setup ?? throw new ArgumentNullException(nameof(setup));
        _program = ReleaseProgram.Compile(setup.Plan);
        _identity = PlanIdentities.Of(setup.Plan);
        _audit = new AuditLog(setup.AuditPath);
        _lines = new AuditLines(_identity);
    }

    public ReleaseProgram Program => _program;

    private RolloutPlan Plan => _setup.Plan;

    /// <summary>Checks the state file and flag file without writing anything: a <see cref="RunInputException"/> for a state of another plan or flag, or a flag file of another format.</summary>
    public void Check()
    {
        if (RunStateFile.Read(_setup.StatePath) is { } state) CheckOwnership(state);
        _setup.FlagFile.Check(Plan);
        var auditFolder = System.IO.Path.GetDirectoryName(_audit.Path)!;
        if (!System.IO.Directory.Exists(auditFolder)) throw new RunInputException(_audit.Path + ": --audit: folder " + auditFolder + " does not exist; create it or pass another path.");
    }

    /// <summary>One evaluation as of <paramref name="at"/>. <paramref name="signal"/> only cuts the announcement's retries short (the action stays pending); it never stops a decision or a flag write halfway.</summary>
    public async Task<EvaluationOutcome> EvaluateAsync(DateTimeOffset at, CancellationToken signal = default)
    {
        Check(); // refused input leaves no trace, not even the lock file
        using var _ = StateLock.Take(_setup.StatePath);
        var state = RunStateFile.Read(_setup.StatePath);
        if (state is not null) CheckOwnership(state);
        _setup.FlagFile.Check(Plan);
        state ??= new RunState
        {
            Plan = _identity,
            PlanFile = System.IO.Path.GetFullPath(_setup.PlanFile),
            Target = _setup.FlagFile.Target.Name,
            Flag = _setup.FlagFile.Flag,
            FlagFile = _setup.FlagFile.Path,
        };
        if (state.LastEvaluatedAt is { } last && at < last)
        {
            throw new RunInputException(_setup.StatePath + ": the release was last evaluated as of " + TimeText.Of(last) + ", after " + TimeText.Of(at)
                + "; a release only moves forward in time (pass a later --at, or a new --state for another rehearsal).");
        }
        var lines = new List<string>();
        if (state.Journal.Count > 0 || state.Pending.Count > 0)
        {
            lines.Add("resuming evaluation " + state.Evaluations.ToString(CultureInfo.InvariantCulture) + ": " + state.Journal.Count.ToString(CultureInfo.InvariantCulture) + " decision(s) and "
                + state.Pending.Count.ToString(CultureInfo.InvariantCulture) + " action(s) decided but not recorded as done");
            state = await FinishAsync(state, lines, signal).ConfigureAwait(false);
        }

        var number = state.Evaluations + 1;
        var decided = new List<(TraceEvent Event, Approval? By)>();
        ReleaseRun run;
        if (state.Position is null)
        {
            run = ReleaseRun.Start(_program, at, out var started);
            decided.AddRange(started.Select(e => (e, (Approval?)null)));
        }
        else
        {
            run = RunStateFile.Restore(_setup.StatePath, _program, state.Position);
        }
        var approvals = new List<Approval>();
        foreach (var approval in state.Approvals)
        {
            if (approval.TakenAt is not null) { approvals.Add(approval); continue; }
            var events = await run.ActAsync(new HumanAction(at, HumanActionKind.Approve, approval.By), _setup.Source, CancellationToken.None).ConfigureAwait(false);
            decided.AddRange(events.Select(e => (e, (Approval?)approval)));
            approvals.Add(approval with { TakenAt = at });
        }
        if (!run.Finished)
        {
            var events = await run.TickAsync(at, _setup.Source, CancellationToken.None).ConfigureAwait(false);
            decided.AddRange(events.Select(e => (e, (Approval?)null)));
        }

        var actions = DecidedActions.For(Plan, _setup.FlagFile, number, at, _setup.Clock.Now, decided.Select(d => d.Event).ToList(), run.LastEvaluation);
        var journal = decided.Select((d, i) => _lines.Decision(d.Event, d.By, number, i + 1)).ToList();
        foreach (var (e, _) in decided) lines.Add(TimeText.Of(e.Time) + "  " + (e.Stage.Length == 0 ? "-" : e.Stage) + "  " + EventNames.Of(e.Kind) + ": " + e.Reason);
        state = state with
        {
            Evaluations = number,
            StartedAt = state.StartedAt ?? at,
            LastEvaluatedAt = at,
            Position = run.Position,
            Approvals = approvals,
            Journal = journal,
            Pending = actions,
        };
        RunStateFile.Save(_setup.StatePath, state); // write-ahead: from here a killed run resumes these actions
        _setup.Fault(AfterDecision);
        state = await FinishAsync(state, lines, signal).ConfigureAwait(false);

        return new EvaluationOutcome(at, decided.Select(d => d.Event).ToList(), lines, run.Position, run.StageName, run.Settled, run.LastEvaluation);
    }

    /// <summary>A state file of this release: the same plan (id and hash), target, flag and flag file; anything else is refused.</summary>
    private void CheckOwnership(RunState state)
    {
        var path = _setup.StatePath;
        if (state.Plan.Id != _identity.Id)
        {
            throw new RunInputException(path + ": the state file belongs to plan '" + state.Plan.Id + "', not '" + _identity.Id + "'; pass this release's --state file, or a new path.");
        }
        if (state.Plan.Hash != _identity.Hash)
        {
            throw new RunInputException(path + ": plan '" + _identity.Id + "' has changed since this release started (" + state.Plan.Hash + ", now " + _identity.Hash + "); finish it with the plan it started with, or start a new release with a new --state path.");
        }
        if (state.Target != _setup.FlagFile.Target.Name || state.Flag != _setup.FlagFile.Flag || state.FlagFile != _setup.FlagFile.Path)
        {
            throw new RunInputException(path + ": this release drives --target " + state.Target + (state.Flag is null ? "" : " --flag " + state.Flag) + " --flag-file " + state.FlagFile
                + "; run it with the same options, or start a new release with a new --state path.");
        }
    }

    /// <summary>Appends the journal, then takes each pending action in order, recording each as done before the next.</summary>
    private async Task<RunState> FinishAsync(RunState state, List<string> lines, CancellationToken signal)
    {
        if (state.Journal.Count > 0)
        {
            _audit.Append(state.Journal);
            state = state with { Journal = [] };
            RunStateFile.Save(_setup.StatePath, state);
        }
        var recorded = _audit.Ids();
        var pending = state.Pending.ToList();
        while (pending.Count > 0)
        {
            var action = pending[0];
            AuditEntry? entry = null;
            var done = true;
            if (recorded.Contains(action.Id))
            {
                lines.Add("already done: " + action.Kind + " " + action.Id + " (recorded in the audit log)");
            }
            else if (action.Kind == RunAction.WriteFlag)
            {
                var result = _setup.FlagFile.Write(Plan, action.Point == FlagExposure.Rollback ? null : action.Point);
                _setup.Fault(AfterFlagWrite);
                lines.Add("wrote " + _setup.FlagFile.Path + ": " + result.Describe());
                entry = _lines.Action(action, result.Describe()) with { FlagFile = _setup.FlagFile.Path, Point = action.Point };
            }
            else
            {
                (entry, done) = await AnnounceAsync(action, lines, signal).ConfigureAwait(false);
            }
            if (entry is not null) _audit.Append([entry]);
            pending.RemoveAt(0);
            state = done
                ? state with { Pending = pending.ToList(), Completed = state.Completed.Append(action).ToList() }
                : state with { Pending = pending.Prepend(action).ToList() };
            RunStateFile.Save(_setup.StatePath, state);
            if (!done) break; // an announcement still to deliver stays first in line for the next evaluation
        }
        return state;
    }

    private async Task<(AuditEntry Entry, bool Done)> AnnounceAsync(RunAction action, List<string> lines, CancellationToken signal)
    {
        var where = action.Channel is { } channel ? channel + (action.Within is { } within ? " within " + Invariant.Duration(within) : "") : "the plan's channel";
        if (_setup.Announcer is null)
        {
            lines.Add("announce the rollback in " + where + " by hand: no --announce-webhook was given");
            return (_lines.Action(action, "not sent: no --announce-webhook was given; a person announces it in " + where) with { AnnouncementId = action.Id, Channel = action.Channel, Delivered = false, Attempts = 0 }, true);
        }
        var result = await _setup.Announcer.PostAsync(action, signal).ConfigureAwait(false);
        if (result.Delivered) _setup.Fault(AfterAnnounce);
        bool? met = result.Delay is { } delay && action.Within is { } deadline ? delay <= deadline : action.Within is null ? null : false;
        var said = result.Delivered
            ? "announced to the webhook for " + where + " after " + Invariant.Duration(Round(result.Delay!.Value)) + " and " + result.Attempts.ToString(CultureInfo.InvariantCulture) + " post(s)"
              + (met is null ? "" : met.Value ? ": deadline met" : ": deadline MISSED")
            : "announcement NOT delivered after " + result.Attempts.ToString(CultureInfo.InvariantCulture) + " post(s) (" + result.LastProblem + "); the next evaluation posts it again; announce it in " + where + " by hand";
        lines.Add(said);
        var entry = _lines.Action(action, said) with
        {
            Id = result.Delivered ? action.Id : action.Id + "/undelivered/" + _setup.Clock.Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            AnnouncementId = action.Id,
            Channel = action.Channel,
            Delivered = result.Delivered,
            Attempts = result.Attempts,
            Delay = result.Delay,
            DeadlineMet = met,
        };
        return (entry, result.Delivered);
    }

    private static TimeSpan Round(TimeSpan delay) => TimeSpan.FromMilliseconds(Math.Round(delay.TotalMilliseconds / 100) * 100);
}
