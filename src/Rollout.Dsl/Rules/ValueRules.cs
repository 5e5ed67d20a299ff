using System;
using System.Collections.Generic;
using Rollout.Dsl.Text;
using static Rollout.Dsl.Rules.PlanText;

namespace Rollout.Dsl.Rules;

/// <summary>Numbers that look fine in code but mean nothing at release time.</summary>
internal static class ValueRules
{
    public static readonly Rule NumbersMeanSomething = new("ROLL022", RuleSeverity.Error,
        "Every threshold is a finite number and every rollback step takes a positive time", Meaningless);

    private static IEnumerable<(string, PlanPath)> Meaningless(RolloutPlan plan)
    {
        for (var i = 0; i < plan.Stages.Count; i++)
        {
            foreach (var gate in plan.Stages[i].AdvanceWhen)
            {
                if (IsFinite(gate.Threshold)) continue;
                yield return (
                    Plan(plan) + ": the advance gate '" + ConditionText.Describe(gate) + "' of " + Stage(plan.Stages[i], i) + " compares with a number that is not finite, so it can never be checked. Write a real threshold.",
                    PlanPath.Plan.Stage(i).AdvanceWhen);
            }
        }
        for (var i = 0; i < plan.StopLosses.Count; i++)
        {
            var threshold = plan.StopLosses[i].When;
            if (IsFinite(threshold.Threshold)) continue;
            yield return (
                Plan(plan) + ": the stop-loss '" + ConditionText.Describe(threshold) + "' compares with a number that is not finite, so it fires always or never. Write a real threshold, e.g. Signal.ErrorRate.Above(0.5).",
                PlanPath.Plan.StopLoss.At(i));
        }
        for (var i = 0; i < plan.Rollback.Count; i++)
        {
            var step = plan.Rollback[i];
            // A data repair's estimate is ROLL012's concern.
            if (step.Kind == RollbackKind.DataRepair || step.Takes is not { } takes || takes > TimeSpan.Zero) continue;
            yield return (
                Plan(plan) + ": rollback step " + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + " ('" + step.Target + "') takes " + Invariant.Duration(takes) + "; say how long it really takes, e.g. takes: TimeSpan.FromSeconds(30).",
                PlanPath.Plan.Rollback.At(i));
        }
    }

    internal static bool IsFinite(double value) => !double.IsNaN(value) && !double.IsInfinity(value);
}
