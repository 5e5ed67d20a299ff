using System;
using System.Globalization;
using Rollout.Semantics;

namespace Rollout.Run;

/// <summary>The audit log's lines of one release: every line carries the plan id and hash; ids are stable, so a replayed line is recognised.</summary>
public sealed class AuditLines
{
    private readonly PlanIdentity _identity;

    public AuditLines(PlanIdentity identity) => _identity = identity;

    /// <summary>An action's line: its id, the decision's time and stage, what and why.</summary>
    public AuditEntry Action(RunAction action, string why) =>
        Line(action.Id, action.DecidedAt, action.Stage, AuditEntry.Action, action.Kind, why);

    /// <summary>Decision <paramref name="index"/> of evaluation <paramref name="number"/>; an approval (or its refusal) carries who and why.</summary>
    public AuditEntry Decision(TraceEvent e, Approval? approval, int number, int index)
    {
        var line = Line(_identity.Id + "/" + number.ToString(CultureInfo.InvariantCulture) + "/d" + index.ToString(CultureInfo.InvariantCulture),
            e.Time, e.Stage, AuditEntry.Decision, EventNames.Of(e.Kind), e.Reason);
        // Who approved belongs to the approval (or its refusal), not to the stage it started.
        return e.Kind is TraceEventKind.Approved or TraceEventKind.ActionIgnored ? line with { By = approval?.By, Note = approval?.Note } : line;
    }

    private AuditEntry Line(string id, DateTimeOffset time, string stage, string type, string what, string why) =>
        new() { Id = id, Time = time, Plan = _identity.Id, PlanHash = _identity.Hash, Stage = stage, Type = type, What = what, Why = why };
}
