using System.Collections.Generic;
using System.Linq;
using Rollout.Dsl.Text;
using static Rollout.Dsl.Rules.PlanText;

namespace Rollout.Dsl.Rules;

/// <summary>The three parts without which a plan is "optimism with a deploy button".</summary>
internal static class SafetyNetRules
{
    public static readonly Rule StopLossRequired = new("ROLL001", RuleSeverity.Error,
        "A plan defines a stop-loss threshold", plan => Missing(plan.StopLosses.Count == 0,
            Plan(plan) + " has no stop-loss threshold, so nobody knows when to stop. Add .StopLoss(<metric condition>, StopLossAction.Rollback), e.g. .StopLoss(Signal.ErrorRate.Above(0.5), StopLossAction.Rollback).",
            PlanPath.Plan.StopLoss));

    public static readonly Rule RollbackRequired = new("ROLL002", RuleSeverity.Error,
        "A plan defines what rollback means", plan => Missing(plan.Rollback.Count == 0,
            Plan(plan) + " has no rollback definition. Add .Rollback(r => ...) with its steps in order, e.g. r.Config(flag: \"MY_FLAG\", takes: TimeSpan.FromSeconds(30)).",
            PlanPath.Plan.Rollback));

    public static readonly Rule AuthorityRequired = new("ROLL003", RuleSeverity.Error,
        "A plan says who may trigger a rollback", plan => Missing(plan.Authority is null,
            Plan(plan) + " has no authority rules. Add .Authority(a => a.MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed).MayTrigger(Role.OnCall, Trigger.AnyReason).Announce(\"#incidents\", within: TimeSpan.FromMinutes(5))).",
            PlanPath.Plan.Authority));

    public static readonly Rule StopLossConsistentWithGates = new("ROLL010", RuleSeverity.Error,
        "A stop-loss never fires while an advance gate on the same metric still passes", Contradictions);

    private static IEnumerable<(string, PlanPath)> Contradictions(RolloutPlan plan)
    {
        for (var s = 0; s < plan.StopLosses.Count; s++)
        {
            var stopLoss = plan.StopLosses[s].When;
            if (!ValueRules.IsFinite(stopLoss.Threshold)) continue; // ROLL022's concern
            for (var i = 0; i < plan.Stages.Count; i++)
            {
                var gate = plan.Stages[i].AdvanceWhen.FirstOrDefault(g => g.Metric == stopLoss.Metric && g.Overlaps(stopLoss));
                if (gate is null) continue;
                yield return (
                    Plan(plan) + ": stop-loss '" + ConditionText.Describe(stopLoss) + "' fires while the advance gate '" + ConditionText.Describe(gate) + "' of " + Stage(plan.Stages[i], i)
                    + " still passes, so one number says both 'advance' and 'roll back'. Put the stop-loss threshold beyond the gate's.",
                    PlanPath.Plan.StopLoss.At(s));
                break;
            }
        }
    }

    internal static IEnumerable<(string, PlanPath)> Missing(bool missing, string message, PlanPath path)
    {
        if (missing) yield return (message, path);
    }
}
