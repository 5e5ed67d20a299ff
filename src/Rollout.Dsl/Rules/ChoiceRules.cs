using System;
using System.Collections.Generic;
using System.Globalization;
using static Rollout.Dsl.Rules.PlanText;

namespace Rollout.Dsl.Rules;

/// <summary>Choices the DSL offers as enums: a cast such as <c>(Trigger)(-1)</c> compiles but names nothing.</summary>
internal static class ChoiceRules
{
    public static readonly Rule ChoicesDefined = new("ROLL023", RuleSeverity.Error,
        "Every choice in a plan is one the DSL names", Undefined);

    private static IEnumerable<(string, PlanPath)> Undefined(RolloutPlan plan)
    {
        foreach (var surface in plan.Touches)
        {
            if (!IsDefined(surface)) yield return (Message(plan, surface, "what the change touches", "Surface.PaymentFlow"), PlanPath.Plan.Touches);
        }
        for (var i = 0; i < plan.Stages.Count; i++)
        {
            foreach (var gate in plan.Stages[i].AdvanceWhen)
            {
                foreach (var problem in InCondition(plan, gate, "an advance gate of " + Stage(plan.Stages[i], i)))
                {
                    yield return (problem, PlanPath.Plan.Stage(i).AdvanceWhen);
                }
            }
        }
        for (var i = 0; i < plan.StopLosses.Count; i++)
        {
            var stopLoss = plan.StopLosses[i];
            if (!IsDefined(stopLoss.Action)) yield return (Message(plan, stopLoss.Action, "the action of stop-loss #" + Number(i), "StopLossAction.Rollback"), PlanPath.Plan.StopLoss.At(i));
            foreach (var problem in InCondition(plan, stopLoss.When, "stop-loss #" + Number(i)))
            {
                yield return (problem, PlanPath.Plan.StopLoss.At(i));
            }
        }
        for (var i = 0; i < plan.Rollback.Count; i++)
        {
            if (!IsDefined(plan.Rollback[i].Kind)) yield return (Message(plan, plan.Rollback[i].Kind, "the kind of rollback step " + Number(i), "r.Config(...)"), PlanPath.Plan.Rollback.At(i));
        }
        if (plan.Authority is { } authority)
        {
            for (var i = 0; i < authority.Triggers.Count; i++)
            {
                var right = authority.Triggers[i];
                if (!IsDefined(right.When)) yield return (Message(plan, right.When, "the grounds on which '" + right.Role?.Name + "' may trigger a rollback", "Trigger.StopLossCrossed or Trigger.AnyReason"), PlanPath.Plan.Authority.MayTrigger.At(i));
            }
        }
    }

    private static IEnumerable<string> InCondition(RolloutPlan plan, Condition? condition, string where)
    {
        if (condition is null) yield break;
        if (!IsDefined(condition.Comparison)) yield return Message(plan, condition.Comparison, "the comparison of " + where, "Signal.ErrorRate.Above(0.5)");
        if (condition.Metric is { } metric && !IsDefined(metric.Unit)) yield return Message(plan, metric.Unit, "the unit of metric '" + metric.Name + "' in " + where, "Signal.Percent(\"name\")");
    }

    private static string Message<T>(RolloutPlan plan, T value, string what, string example) where T : struct, Enum =>
        Plan(plan) + ": " + what + " is (" + typeof(T).Name + ")" + Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
        + ", which is not a " + typeof(T).Name + " the DSL names, so no runbook or pipeline can act on it. Use a named member, e.g. " + example + ".";

    internal static bool IsDefined<T>(T value) where T : struct, Enum => Enum.IsDefined(typeof(T), value);

    private static string Number(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);
}
