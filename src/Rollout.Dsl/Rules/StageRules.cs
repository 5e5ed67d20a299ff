using System.Collections.Generic;
using Rollout.Dsl.Text;
using static Rollout.Dsl.Rules.PlanText;

namespace Rollout.Dsl.Rules;

/// <summary>Stages: exposure grows step by step, each step watched and gated.</summary>
internal static class StageRules
{
    public static readonly Rule StagesRequired = new("ROLL004", RuleSeverity.Error,
        "A plan has at least one stage", plan => SafetyNetRules.Missing(plan.Stages.Count == 0,
            Plan(plan) + " has no stages. Add .Stage(\"canary\", s => s.Traffic(1, \"internal users only\").Observe(TimeSpan.FromMinutes(30)).AdvanceWhen(...)) and end with a 100 % stage.",
            PlanPath.Plan.Stages));

    public static readonly Rule ObservationWindowRequired = new("ROLL005", RuleSeverity.Error,
        "Every stage before the last has an observation window", MissingObservation);

    public static readonly Rule AdvanceConditionRequired = new("ROLL006", RuleSeverity.Error,
        "Every step to the next stage has an advance condition", MissingAdvanceCondition);

    public static readonly Rule TrafficInRange = new("ROLL007", RuleSeverity.Error,
        "Every stage sets traffic in (0, 100] percent", TrafficOutOfRange);

    public static readonly Rule TrafficIncreasing = new("ROLL008", RuleSeverity.Error,
        "Traffic strictly increases from stage to stage", TrafficNotIncreasing);

    public static readonly Rule LastStageFull = new("ROLL009", RuleSeverity.Error,
        "The last stage takes 100 % of traffic", LastStageNotFull);

    private static bool InRange(double percent) => percent > 0 && percent <= 100;

    private static IEnumerable<(string, PlanPath)> MissingObservation(RolloutPlan plan)
    {
        for (var i = 0; i < plan.Stages.Count - 1; i++)
        {
            var stage = plan.Stages[i];
            if (stage.Observe is { } window && window > System.TimeSpan.Zero) continue;
            yield return (
                Plan(plan) + ": " + Stage(stage, i) + " has no observation window, so nobody knows how long to watch it. Add .Observe(TimeSpan.FromMinutes(30)) (the soak time) to the stage.",
                PlanPath.Plan.Stage(i).Observe);
        }
    }

    private static IEnumerable<(string, PlanPath)> MissingAdvanceCondition(RolloutPlan plan)
    {
        for (var i = 0; i < plan.Stages.Count - 1; i++)
        {
            var stage = plan.Stages[i];
            var next = plan.Stages[i + 1];
            if (stage.AdvanceWhen.Count > 0 || next.After is { Duration: var soak } && soak > System.TimeSpan.Zero) continue;
            yield return (
                Plan(plan) + ": nothing says when " + Stage(stage, i) + " may advance to '" + next.Name + "'. Add .AdvanceWhen(Signal.ErrorRate.Below(0.1), ...) to '" + stage.Name + "', or .After(TimeSpan.FromHours(24), \"without incident\") to '" + next.Name + "'.",
                PlanPath.Plan.Stage(i).AdvanceWhen);
        }
    }

    private static IEnumerable<(string, PlanPath)> TrafficOutOfRange(RolloutPlan plan)
    {
        for (var i = 0; i < plan.Stages.Count; i++)
        {
            var stage = plan.Stages[i];
            if (stage.TrafficPercent is not { } percent)
            {
                yield return (Plan(plan) + ": " + Stage(stage, i) + " does not say how much traffic it takes. Add .Traffic(percent, \"audience\").", PlanPath.Plan.Stage(i).Traffic);
            }
            else if (!InRange(percent))
            {
                yield return (Plan(plan) + ": " + Stage(stage, i) + " takes " + Invariant.Number(percent) + " % of traffic; a stage takes more than 0 and at most 100 %. Use .Traffic(p) with 0 < p <= 100.", PlanPath.Plan.Stage(i).Traffic);
            }
        }
    }

    private static IEnumerable<(string, PlanPath)> TrafficNotIncreasing(RolloutPlan plan)
    {
        for (var i = 1; i < plan.Stages.Count; i++)
        {
            if (plan.Stages[i - 1].TrafficPercent is not { } before || plan.Stages[i].TrafficPercent is not { } now) continue;
            if (!InRange(before) || !InRange(now)) continue;
            if (now > before) continue;
            yield return (
                Plan(plan) + ": " + Stage(plan.Stages[i], i) + " takes " + Invariant.Number(now) + " % of traffic, not more than the " + Invariant.Number(before) + " % of '" + plan.Stages[i - 1].Name + "'. Each stage must widen exposure; reorder or merge the stages.",
                PlanPath.Plan.Stage(i).Traffic);
        }
    }

    private static IEnumerable<(string, PlanPath)> LastStageNotFull(RolloutPlan plan)
    {
        if (plan.Stages.Count == 0) yield break;
        var last = plan.Stages.Count - 1;
        var stage = plan.Stages[last];
        if (stage.TrafficPercent is not { } percent || percent == 100 || !InRange(percent)) yield break;
        yield return (
            Plan(plan) + ": the last " + Stage(stage, last) + " takes " + Invariant.Number(percent) + " % of traffic, so the rollout never completes. End with a stage at .Traffic(100).",
            PlanPath.Plan.Stage(last).Traffic);
    }
}
