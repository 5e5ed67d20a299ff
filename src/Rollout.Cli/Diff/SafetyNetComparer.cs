using System;
using System.Linq;
using Rollout.Dsl;
using Rollout.Dsl.Dialects;
using Rollout.Dsl.Rendering.Json;
using Rollout.Dsl.Text;

namespace Rollout.Cli.Diff;

/// <summary>Stop-losses and how they are measured, rollback steps, authority and the point of no return.</summary>
internal static class SafetyNetComparer
{
    public static void Compare(ChangeList changes, RolloutPlan old, RolloutPlan now)
    {
        StopLosses(changes, old, now);
        Measurements(changes, old, now);
        Rollback(changes, old, now);
        Authority(changes, old.Authority, now.Authority);
        PointOfNoReturn(changes, old, now);
    }

    private static void StopLosses(ChangeList changes, RolloutPlan old, RolloutPlan now)
    {
        foreach (var (metric, before, after) in Keyed.Match(old.StopLosses, now.StopLosses, stopLoss => stopLoss.When.Metric.Name))
        {
            var path = "stopLoss[" + metric + "]";
            if (before is null || after is null)
            {
                var stopLoss = (before ?? after)!;
                changes.Presence(path, before is not null, after is not null,
                    "stop-loss " + ConditionText.Describe(stopLoss.When) + " -> " + JsonNames.Of(stopLoss.Action));
                continue;
            }
            changes.Condition(path + ".when", before.When, after.When, "stop-loss", isStopLoss: true);
            if (before.Action != after.Action)
            {
                // Rolling back without debate is the strongest answer; halting leaves the change exposed.
                var weakened = after.Action == StopLossAction.Halt;
                changes.Add(weakened ? Risk.Riskier : Risk.Safer, path + ".action",
                    "stop-loss action " + (weakened ? "weakened" : "strengthened") + " from " + JsonNames.Of(before.Action) + " to " + JsonNames.Of(after.Action));
            }
        }
    }

    private static void Measurements(ChangeList changes, RolloutPlan old, RolloutPlan now)
    {
        // A slower or longer stop-loss evaluation reacts later to the same spike.
        changes.Duration("stopLossEvaluation.every", old.StopLossEvaluation.Every, now.StopLossEvaluation.Every, "stop-loss evaluation interval", longerIsRiskier: true);
        changes.Duration("stopLossEvaluation.window", old.StopLossEvaluation.Window, now.StopLossEvaluation.Window, "stop-loss evaluation window", longerIsRiskier: true);
        foreach (var (metric, before, after) in Keyed.Match(old.Measurements, now.Measurements, measurement => measurement.Metric.Name))
        {
            var path = "measurements[" + metric + "]";
            // Without a measurement a gate on that metric cannot be evaluated by the pipeline.
            if (before is null || after is null) changes.Presence(path, before is not null, after is not null, "measurement of " + metric);
            else
            {
                changes.Wording(path + ".query", before.Query, after.Query, "query (review by hand)");
                Source(changes, path + ".source", before, after);
                if (before.Metric.Unit != after.Metric.Unit)
                {
                    changes.Add(Risk.Neutral, path + ".unit", "unit changed from " + JsonNames.Of(before.Metric.Unit) + " to " + JsonNames.Of(after.Metric.Unit));
                }
            }
        }
    }

    // The pipeline's gate, backtest and engine exports query Prometheus only: measured elsewhere, a gate is not evaluated there.
    private static void Source(ChangeList changes, string path, Measurement before, Measurement after)
    {
        if (string.Equals(before.Source, after.Source, StringComparison.Ordinal)) return;
        var risk = PrometheusDialect.IsFor(before) ? Risk.Riskier : PrometheusDialect.IsFor(after) ? Risk.Safer : Risk.Neutral;
        changes.Add(risk, path, "metric backend changed from " + before.Source + " to " + after.Source
            + (risk == Risk.Riskier ? ": rollout gate, backtest and the engine exports query Prometheus only and refuse it" : ""));
    }

    private static void Rollback(ChangeList changes, RolloutPlan old, RolloutPlan now)
    {
        foreach (var (kind, before, after) in Keyed.Match(old.Rollback, now.Rollback, step => JsonNames.Of(step.Kind)))
        {
            var path = "rollback[" + kind + "]";
            if (before is null || after is null)
            {
                var step = (before ?? after)!;
                changes.Presence(path, before is not null, after is not null,
                    "rollback step " + JsonNames.Of(step.Kind) + " '" + step.Target + "'" + (step.Takes is { } takes ? " (" + Invariant.Duration(takes) + ")" : ""));
                continue;
            }
            changes.Wording(path + ".target", before.Target, after.Target, "target");
            changes.Duration(path + ".takes", before.Takes, after.Takes, "rollback time", longerIsRiskier: true);
            if (before.Reversible != after.Reversible)
            {
                changes.Add(after.Reversible ? Risk.Safer : Risk.Riskier, path + ".reversible",
                    after.Reversible ? "step is now reversible" : "step is now irreversible");
            }
            changes.Named(path + ".owner", before.Owner, after.Owner, "owner");
            changes.Wording(path + ".when", before.When, after.When, "condition");
            changes.Wording(path + ".runbook", before.Runbook, after.Runbook, "runbook");
            changes.Wording(path + ".scope", before.Scope, after.Scope, "scope");
        }
        var oldOrder = Keyed.Unique(old.Rollback, step => JsonNames.Of(step.Kind)).Select(item => item.Key).ToList();
        var newOrder = Keyed.Unique(now.Rollback, step => JsonNames.Of(step.Kind)).Select(item => item.Key).ToList();
        var kept = oldOrder.Where(newOrder.Contains).ToList();
        var keptNow = newOrder.Where(oldOrder.Contains).ToList();
        if (!kept.SequenceEqual(keptNow))
        {
            changes.Add(Risk.Neutral, "rollback", "rollback order changed from " + string.Join(", ", kept) + " to " + string.Join(", ", keptNow));
        }
    }

    private static void Authority(ChangeList changes, AuthorityRules? old, AuthorityRules? now)
    {
        if (old is null || now is null)
        {
            changes.Presence("authority", old is not null, now is not null, "authority rules");
            return;
        }
        // Per role, the widest grounds it may roll back on: none < when a stop-loss is crossed < any reason.
        var roles = old.Triggers.Concat(now.Triggers).Select(right => right.Role.Name).Distinct(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            var before = Grounds(old, role);
            var after = Grounds(now, role);
            if (before == after) continue;
            var widened = after > before;
            changes.Add(widened ? Risk.Safer : Risk.Riskier, "authority.mayTrigger[" + role + "]",
                "authority " + (widened ? "widened" : "narrowed") + ": '" + role + "' may trigger a rollback " + GroundsText(before) + " before, " + GroundsText(after) + " now");
        }
        Roles.Compare(changes, "authority.mayOverride", old.Overrides, now.Overrides, "may advance or halt any stage by hand");
        Announcement(changes, old.Announcement, now.Announcement);
        Roles.Compare(changes, "authority.inform", old.Informed, now.Informed, "is informed of a rollback", whenAdded: Risk.Neutral);
        // Sign-off before a rollback is a defect (ROLL014): adding one is riskier.
        Roles.Compare(changes, "authority.signOff", old.SignOff, now.SignOff, "must sign off before a rollback", whenAdded: Risk.Riskier);
    }

    private static void Announcement(ChangeList changes, Announcement? old, Announcement? now)
    {
        if (old is null || now is null)
        {
            changes.Presence("authority.announce", old is not null, now is not null, "rollback announcement" + ((old ?? now) is { } a ? " in " + a.Channel : ""));
            return;
        }
        changes.Wording("authority.announce.channel", old.Channel, now.Channel, "announcement channel");
        changes.Duration("authority.announce.within", old.Within, now.Within, "announcement deadline", longerIsRiskier: true);
        changes.Wording("authority.announce.include", old.Include, now.Include, "announcement content");
    }

    private static int Grounds(AuthorityRules authority, string role) =>
        authority.Triggers.Where(right => right.Role.Name == role)
            .Select(right => right.When == Trigger.AnyReason ? 2 : 1)
            .DefaultIfEmpty(0)
            .Max();

    private static string GroundsText(int grounds) => grounds switch
    {
        2 => "for any reason",
        1 => "when a stop-loss is crossed",
        _ => "never",
    };

    private static void PointOfNoReturn(ChangeList changes, RolloutPlan old, RolloutPlan now)
    {
        const string Path = "pointOfNoReturn";
        var before = old.PointOfNoReturn;
        var after = now.PointOfNoReturn;
        if (before is null || after is null)
        {
            changes.Presence(Path, before is not null, after is not null, "point of no return");
            return;
        }
        var oldIndex = IndexOf(old, before.AfterStage);
        var newIndex = IndexOf(now, after.AfterStage);
        if (before.AfterStage != after.AfterStage)
        {
            if (oldIndex is { } from && newIndex is { } to && from != to)
            {
                // Earlier means less of the rollout can still be rolled back.
                changes.Add(to < from ? Risk.Riskier : Risk.Safer, Path + ".afterStage",
                    "point of no return moved " + (to < from ? "earlier" : "later") + ": after stage " + ChangeList.Show(before.AfterStage) + " to after stage " + ChangeList.Show(after.AfterStage));
            }
            else changes.Wording(Path + ".afterStage", before.AfterStage, after.AfterStage, "point of no return stage");
        }
        changes.Wording(Path + ".moment", before.Moment, after.Moment, "point of no return moment");
        changes.Named(Path + ".forwardFix", before.ForwardFix, after.ForwardFix, "forward-fix path");
        changes.Named(Path + ".owner", before.Owner, after.Owner, "forward-fix owner");
    }

    private static int? IndexOf(RolloutPlan plan, string? stage)
    {
        if (stage is null) return null;
        for (var i = 0; i < plan.Stages.Count; i++)
        {
            if (plan.Stages[i].Name == stage) return i;
        }
        return null;
    }
}
