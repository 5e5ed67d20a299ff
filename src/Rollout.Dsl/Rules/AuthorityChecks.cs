using System.Collections.Generic;
using System.Linq;
using static Rollout.Dsl.Rules.PlanText;

namespace Rollout.Dsl.Rules;

/// <summary>Authority: rollback is fast, unambiguous and announced.</summary>
internal static class AuthorityChecks
{
    public static readonly Rule NoSignOff = new("ROLL014", RuleSeverity.Error,
        "A rollback never waits for sign-off", plan => SafetyNetRules.Missing(
            plan.Authority is { SignOff.Count: > 0 },
            Plan(plan) + " requires sign-off from " + string.Join(", ", plan.Authority?.SignOff.Select(r => r.Name) ?? Enumerable.Empty<string>()) + " before a rollback; it will not happen fast enough during an incident. Remove .RequireSignOff(...) and list them in .Inform(...).",
            PlanPath.Plan.Authority.SignOff));

    public static readonly Rule AnnouncementRequired = new("ROLL015", RuleSeverity.Error,
        "Every rollback is announced in a named channel within a deadline", MissingAnnouncement);

    public static readonly Rule StopLossTriggerAllowed = new("ROLL021", RuleSeverity.Error,
        "Someone may trigger a rollback when a stop-loss is crossed", plan => SafetyNetRules.Missing(
            plan.Authority is { } authority && authority.Triggers.Count == 0,
            Plan(plan) + ": nobody may trigger a rollback. Add a.MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed) and a.MayTrigger(Role.OnCall, Trigger.AnyReason).",
            PlanPath.Plan.Authority.MayTrigger));

    private static IEnumerable<(string, PlanPath)> MissingAnnouncement(RolloutPlan plan)
    {
        if (plan.Authority is not { } authority) yield break;
        if (authority.Announcement is not { } announcement)
        {
            yield return (Plan(plan) + " does not say where rollbacks are announced. Add a.Announce(\"#incidents\", within: TimeSpan.FromMinutes(5)).", PlanPath.Plan.Authority.Announce);
        }
        else if (string.IsNullOrWhiteSpace(announcement.Channel))
        {
            yield return (Plan(plan) + ": the announcement channel is empty. Name the channel, e.g. \"#incidents\".", PlanPath.Plan.Authority.Announce.Channel);
        }
        else if (announcement.Within <= System.TimeSpan.Zero)
        {
            yield return (Plan(plan) + ": rollbacks are announced in " + announcement.Channel + " with no deadline. Give within: a positive time, e.g. TimeSpan.FromMinutes(5).", PlanPath.Plan.Authority.Announce.Within);
        }
    }
}
