using System.Collections.Generic;
using System.Linq;
using Rollout.Dsl;
using Rollout.Dsl.Text;

namespace Rollout.Cli.Diff;

/// <summary>Stages matched by name: added or removed, traffic steps, observation windows, soak times, gates and overrides.</summary>
internal static class StageComparer
{
    public static void Compare(ChangeList changes, RolloutPlan old, RolloutPlan now)
    {
        var oldSteps = Steps(old);
        var newSteps = Steps(now);
        foreach (var (key, before, after) in Keyed.Match(old.Stages, now.Stages, stage => stage.Name))
        {
            var path = "stages[" + key + "]";
            if (before is null || after is null)
            {
                changes.Presence(path, before is not null, after is not null, "stage '" + key + "'");
                continue;
            }
            Traffic(changes, path, before, after, oldSteps[before], newSteps[after]);
            changes.Wording(path + ".traffic.audience", before.Audience, after.Audience, "audience");
            changes.Duration(path + ".observe", before.Observe, after.Observe, "observation window", longerIsRiskier: false);
            changes.Duration(path + ".after", before.After?.Duration, after.After?.Duration, "time at the previous stage without incident", longerIsRiskier: false);
            changes.Wording(path + ".after.note", before.After?.Note, after.After?.Note, "entry condition");
            foreach (var (metric, oldGate, newGate) in Keyed.Match(before.AdvanceWhen, after.AdvanceWhen, gate => gate.Metric.Name))
            {
                var gatePath = path + ".advanceWhen[" + metric + "]";
                if (oldGate is null || newGate is null)
                {
                    changes.Presence(gatePath, oldGate is not null, newGate is not null, "advance gate " + ConditionText.Describe((oldGate ?? newGate)!));
                }
                else changes.Condition(gatePath, oldGate, newGate, "advance gate", isStopLoss: false);
            }
            Roles.Compare(changes, path + ".overrideBy", before.OverrideBy, after.OverrideBy, "may advance or halt this stage by hand");
        }
        var oldOrder = old.Stages.Select(stage => stage.Name).Where(name => now.Stages.Any(s => s.Name == name)).ToList();
        var newOrder = now.Stages.Select(stage => stage.Name).Where(name => old.Stages.Any(s => s.Name == name)).ToList();
        if (!oldOrder.SequenceEqual(newOrder))
        {
            changes.Add(Risk.Neutral, "stages", "stage order changed from " + string.Join(", ", oldOrder) + " to " + string.Join(", ", newOrder));
        }
    }

    /// <summary>
    /// The traffic step into a stage (its percent minus the previous stage's) is what a bigger blast radius means:
    /// a larger step is riskier, a smaller one safer; the same step at another level is neutral.
    /// </summary>
    private static void Traffic(ChangeList changes, string path, Stage before, Stage after, double? oldStep, double? newStep)
    {
        path += ".traffic.percent";
        var oldPercent = Finite(before.TrafficPercent);
        var newPercent = Finite(after.TrafficPercent);
        if (oldPercent == newPercent && oldStep == newStep) return;
        if (oldPercent is not { } from || newPercent is not { } to)
        {
            if (oldPercent is null && newPercent is null) return;
            changes.Presence(path, oldPercent is not null, newPercent is not null, "traffic share " + Invariant.Number((oldPercent ?? newPercent)!.Value) + " %");
            return;
        }
        var levels = " (" + Invariant.Number(from) + " % to " + Invariant.Number(to) + " %)";
        if (oldStep is { } stepBefore && newStep is { } stepAfter && stepBefore != stepAfter)
        {
            var larger = stepAfter > stepBefore;
            changes.Add(larger ? Risk.Riskier : Risk.Safer, path,
                "traffic step " + (larger ? "enlarged" : "reduced") + " from +" + Invariant.Number(stepBefore) + " to +" + Invariant.Number(stepAfter) + " points" + levels);
        }
        else if (from != to)
        {
            changes.Add(Risk.Neutral, path, "traffic changed with the same step" + levels);
        }
    }

    /// <summary>Each stage's step up from the stage before it (from 0 for the first); null where a percent is missing.</summary>
    private static Dictionary<Stage, double?> Steps(RolloutPlan plan)
    {
        var steps = new Dictionary<Stage, double?>(ReferenceEqualityComparer.Instance);
        double? previous = 0;
        foreach (var stage in plan.Stages)
        {
            var percent = Finite(stage.TrafficPercent);
            steps[stage] = percent is { } p && previous is { } q ? p - q : null;
            previous = percent;
        }
        return steps;
    }

    private static double? Finite(double? value) => value is { } v && !double.IsNaN(v) && !double.IsInfinity(v) ? v : null;
}
