using System.Collections.Generic;
using System.Linq;
using Rollout.Dsl;
using Rollout.Dsl.Rendering.Json;
using Rollout.Dsl.Rules;

namespace Rollout.Cli.Diff;

/// <summary>Every difference between two revisions of one plan, classified riskier, safer or neutral with its reason.</summary>
public static class PlanComparer
{
    /// <summary>
    /// Changes from <paramref name="old"/> to <paramref name="now"/>; null on one side means the plan was added or deleted.
    /// Empty when both revisions are equal.
    /// </summary>
    public static IReadOnlyList<PlanChange> Compare(RolloutPlan? old, RolloutPlan? now)
    {
        var id = (now ?? old)?.Id ?? "";
        var changes = new ChangeList(id);
        if (old is null || now is null)
        {
            // A new plan is a new risky release to review as a whole; a deleted one takes its exposure with it.
            if (now is not null) changes.Add(Risk.Riskier, "", "plan added: a new rollout; review the whole plan");
            else if (old is not null) changes.Add(Risk.Safer, "", "plan deleted: this rollout is no longer planned");
            return changes.Items;
        }

        changes.Wording("id", old.Id, now.Id, "plan id");
        changes.Wording("title", old.Title, now.Title, "title");
        changes.Named("owner", old.Owner, now.Owner, "owning team");
        foreach (var (key, before, after) in Keyed.Match(Boxed(old.Touches), Boxed(now.Touches), surface => surface.Name))
        {
            changes.Presence("touches[" + key + "]", before is not null, after is not null, "touches " + key, whenAdded: Risk.Riskier);
        }
        StageComparer.Compare(changes, old, now);
        SafetyNetComparer.Compare(changes, old, now);
        Readiness(changes, old, now);
        if (!Equals(old.Source, now.Source))
        {
            changes.Wording("source", Describe(old.Source), Describe(now.Source), "spec source");
        }
        return changes.Items;
    }

    private static void Readiness(ChangeList changes, RolloutPlan old, RolloutPlan now)
    {
        var before = old.Validate();
        var after = now.Validate();
        foreach (var rule in RuleCatalog.All)
        {
            var failedBefore = before.FirstOrDefault(finding => finding.RuleId == rule.Id);
            var failsNow = after.FirstOrDefault(finding => finding.RuleId == rule.Id);
            if ((failedBefore is null) == (failsNow is null)) continue;
            var path = "readiness[" + rule.Id + "]";
            if (failsNow is not null) changes.Add(Risk.Riskier, path, rule.Id + " now fails: " + failsNow.Message);
            else changes.Add(Risk.Safer, path, rule.Id + " now passes (" + rule.Title + ")");
        }
    }

    private static string? Describe(SpecSource? source) => source is null ? null : source.File + " " + source.Member;

    private static IEnumerable<SurfaceName> Boxed(IEnumerable<Surface> surfaces) => surfaces.Select(surface => new SurfaceName(JsonNames.Of(surface)));

    private sealed record SurfaceName(string Name);
}
