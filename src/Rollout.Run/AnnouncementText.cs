using System;
using Rollout.Dsl;
using Rollout.Dsl.Text;
using Rollout.Semantics;

namespace Rollout.Run;

/// <summary>The rollback announcement in one message: plan and owner, the stop-loss and the value seen, when, what was done, where and by when it must be announced, and its id.</summary>
public static class AnnouncementText
{
    public static string Of(RolloutPlan plan, TraceEvent rollBack, CheckResult? crossed, FlagFile flagFile, string id)
    {
        var what = crossed is not null
            ? "stop-loss " + ConditionText.Describe(crossed.Condition) + " crossed (observed " + ConditionText.Threshold(Math.Round(crossed.Observed ?? double.NaN, 4), crossed.Condition.Metric.Unit) + ")"
            : rollBack.Reason;
        var flag = flagFile.Render(plan, null);
        var announce = plan.Authority?.Announcement is { } a ? " The plan announces every rollback in " + a.Channel + " within " + Invariant.Duration(a.Within) + "." : "";
        return "Rollback: plan " + plan.Id + (string.IsNullOrWhiteSpace(plan.Owner) ? "" : " (owner " + plan.Owner + ")") + " at stage " + rollBack.Stage
            + ": " + what + " at " + TimeText.Of(rollBack.Time) + ". Action: rollback, automatic (the plan's predetermined action): "
            + flag.Describe() + " (" + flagFile.Target.Name + " file " + flagFile.Path + ")." + announce + " [announcement " + id + "]";
    }
}
