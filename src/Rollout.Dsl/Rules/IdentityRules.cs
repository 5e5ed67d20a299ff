using System.Collections.Generic;
using static Rollout.Dsl.Rules.PlanText;

namespace Rollout.Dsl.Rules;

/// <summary>Names: plan ids become file names and keys, stage names are referred to.</summary>
internal static class IdentityRules
{
    public static readonly Rule PlanIdValid = new("ROLL016", RuleSeverity.Error,
        "A plan id is lower-case letters, digits and dashes", plan => SafetyNetRules.Missing(
            !PlanId.IsValid(plan.Id),
            "Plan id '" + plan.Id + "' is not valid: use lower-case letters, digits and dashes, starting with a letter or digit, at most 100 characters (e.g. \"new-checkout-flow\"). It becomes the artifact file name.",
            PlanPath.Plan.Id));

    public static readonly Rule StageNamesUnique = new("ROLL017", RuleSeverity.Error,
        "Every stage has a name of its own", StageNameProblems);

    public static readonly Rule OwnerRequired = new("ROLL019", RuleSeverity.Error,
        "A plan names the team that owns it", plan => SafetyNetRules.Missing(
            string.IsNullOrWhiteSpace(plan.Owner),
            Plan(plan) + " has no owner, so nobody is paged when it misbehaves. Add .Owner(\"<team>\").",
            PlanPath.Plan.Owner));

    private static IEnumerable<(string, PlanPath)> StageNameProblems(RolloutPlan plan)
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < plan.Stages.Count; i++)
        {
            var name = plan.Stages[i].Name;
            if (string.IsNullOrWhiteSpace(name))
            {
                yield return (Plan(plan) + ": stage #" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + " has no name. Give it one, e.g. \"canary\".", PlanPath.Plan.Stage(i).Name);
            }
            else if (!seen.Add(name))
            {
                yield return (Plan(plan) + ": more than one stage is named '" + name + "'. Rename " + Stage(plan.Stages[i], i) + ".", PlanPath.Plan.Stage(i).Name);
            }
        }
    }
}
