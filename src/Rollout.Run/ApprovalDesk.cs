using System;
using System.Linq;
using Rollout.Dsl;
using Rollout.Semantics;

namespace Rollout.Run;

/// <summary>
/// Records an approval in a release's state file, where the plan waits for a person: the role must be one the plan
/// empowers there (the wait's approvers, <see cref="ReleaseProgram.ApproversAt"/>: a stage's OverrideBy and the plan's
/// overrides, else the roles that may trigger a rollback). Anything else is a <see cref="RunInputException"/> and nothing is written.
/// The run takes the approval at its next evaluation.
/// </summary>
public static class ApprovalDesk
{
    /// <summary>Records the approval by <paramref name="role"/>; returns what it will do, in words.</summary>
    public static string Record(string statePath, RolloutPlan plan, string role, string? note, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(role)) throw new RunInputException("--by: name the approver's role as the plan does, e.g. --by \"on-call engineer\".");
        if (note is not null && note.IndexOfAny(['\r', '\n']) >= 0) throw new RunInputException("--note: one line, please.");
        Awaited(statePath, plan, role); // refused input leaves no trace, not even the lock file
        using var _ = StateLock.Take(statePath);
        var (state, stage, awaited) = Awaited(statePath, plan, role);
        var approval = new Approval { Id = "approval-" + (state.Approvals.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), By = role, Note = note, RecordedAt = now };
        RunStateFile.Save(statePath, state with { Approvals = state.Approvals.Append(approval).ToList() });
        return "approval by '" + role + "' recorded " + stage + ": the next evaluation of rollout run will " + awaited.What;
    }

    /// <summary>The state, where the release is and what the approval will do; a <see cref="RunInputException"/> when it cannot be recorded.</summary>
    private static (RunState State, string Stage, (System.Collections.Generic.IReadOnlyList<Role> Roles, string What) Awaited) Awaited(string statePath, RolloutPlan plan, string role)
    {
        var state = RunStateFile.ReadExisting(statePath);
        var identity = PlanIdentities.Of(plan);
        if (state.Plan != identity)
        {
            throw new RunInputException(statePath + ": the release runs plan '" + state.Plan.Id + "' (" + state.Plan.Hash + "), but " + state.PlanFile + " now holds '" + identity.Id + "' (" + identity.Hash + "); approve with the plan the release started with.");
        }
        if (state.Position is null) throw new RunInputException(statePath + ": the release has not been evaluated yet; nothing waits for a person.");
        var program = ReleaseProgram.Compile(plan);
        var run = RunStateFile.Restore(statePath, program, state.Position);
        var stage = run.StageName.Length == 0 ? "before its first stage" : "at stage '" + run.StageName + "'";
        if (run.ApprovalAwaited is not { } awaited)
        {
            throw new RunInputException(statePath + ": nothing waits for a person: plan '" + plan.Id + "' is " + Describe(state.Position.Mode) + " " + stage + "; nothing was recorded.");
        }
        if (!ReleaseProgram.Empowered(awaited.Roles, role))
        {
            throw new RunInputException(statePath + ": --by '" + role + "': plan '" + plan.Id + "' lets only "
                + (awaited.Roles.Count == 0 ? "nobody (it names no role that may approve here)" : string.Join(" or ", awaited.Roles.Select(r => "'" + r.Name + "'")))
                + " approve here, where an approval would " + awaited.What + "; nothing was recorded.");
        }
        return (state, stage, awaited);
    }

    private static string Describe(ReleaseMode mode) => mode switch
    {
        ReleaseMode.Running => "observing",
        ReleaseMode.RolledBack => "rolled back",
        ReleaseMode.Completed => "completed",
        _ => mode.ToString().ToLowerInvariant(),
    };
}
