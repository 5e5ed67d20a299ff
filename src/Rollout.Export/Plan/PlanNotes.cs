using System;
using System.Collections.Generic;
using System.Linq;
using Rollout.Dsl;
using Rollout.Dsl.Rendering.Json;
using Rollout.Dsl.Text;
using Rollout.Export.Yaml;

namespace Rollout.Export.Plan;

/// <summary>
/// The parts of a plan no engine acts on (rollback steps, data repair, authority, announcement, point of
/// no return, audiences), kept word for word in annotations, and the warnings that say so.
/// </summary>
internal static class PlanNotes
{
    public const string Prefix = "rolloutdsl/";

    /// <summary>An object's metadata: its name, the namespace when given, the plan's labels and <paramref name="annotations"/>.</summary>
    public static YamlMap Metadata(string name, KubernetesOptions options, YamlMap annotations, RolloutPlan plan) =>
        new YamlMap()
            .Add("name", name)
            .Add("namespace", options.Namespace)
            .Add("labels", Labels(plan))
            .Add("annotations", annotations);

    public static YamlMap Labels(RolloutPlan plan) => new YamlMap()
        .Add("app.kubernetes.io/managed-by", "rollout-dsl")
        .Add(Prefix + "plan", plan.Id);

    /// <summary>Annotations of the engine's main object (Rollout or Canary); each value is plain text, one item a line.</summary>
    public static YamlMap Annotations(PlanShape shape)
    {
        var plan = shape.Plan;
        var map = new YamlMap().Add(Prefix + "plan", plan.Id);
        if (plan.Title is { Length: > 0 } title) map.Add(Prefix + "title", title);
        if (plan.Owner is { Length: > 0 } owner) map.Add(Prefix + "owner", owner);
        map.Add(Prefix + "stages", Lines(shape.Stages.Select(Stage)));
        map.Add(Prefix + "stop-loss", Lines(plan.StopLosses.Select(s => Condition(s.When) + " -> " + JsonNames.Of(s.Action))));
        map.Add(Prefix + "rollback", Lines(plan.Rollback.Select((step, i) => (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ". " + Step(step))));
        var repairs = plan.Rollback.Where(s => s.Kind == RollbackKind.DataRepair).ToList();
        if (repairs.Count > 0) map.Add(Prefix + "data-repair", Lines(repairs.Select(Repair)));
        if (plan.Authority is { } authority)
        {
            map.Add(Prefix + "authority", Lines(Authority(authority)));
            if (authority.Announcement is { } announcement) map.Add(Prefix + "announce", Announce(announcement));
        }
        if (plan.PointOfNoReturn is { } point)
        {
            map.Add(Prefix + "point-of-no-return", PointText(point));
            if (point.ForwardFix is { Length: > 0 } fix) map.Add(Prefix + "forward-fix", fix + (point.Owner is { Length: > 0 } who ? " (owner: " + who + ")" : ""));
        }
        return map;
    }

    /// <summary>Warnings true of every engine: what only the annotations carry.</summary>
    public static IEnumerable<ExportWarning> Warnings(PlanShape shape)
    {
        var plan = shape.Plan;
        foreach (var warning in shape.WeightWarnings()) yield return warning;
        foreach (var stage in shape.Stages.Where(s => !string.IsNullOrWhiteSpace(s.Stage.Audience)))
        {
            yield return new ExportWarning(ExportWarningKind.Approximation, "stage " + stage.Stage.Name,
                "the audience '" + stage.Stage.Audience + "' cannot be selected by a traffic weight; the engine sends "
                + Invariant.Number(stage.Percent) + " % of all traffic (kept in annotation " + Prefix + "stages).");
        }
        var steps = plan.Rollback.Where(s => s.Kind != RollbackKind.Code).ToList();
        if (steps.Count > 0)
        {
            yield return new ExportWarning(ExportWarningKind.NotExpressed, "rollback",
                "an abort only moves traffic back to the stable version; the plan's " + string.Join(", ", steps.Select(s => JsonNames.Of(s.Kind) + " step")) +
                " must be run by people (annotation " + Prefix + "rollback).");
        }
        if (plan.Rollback.Any(s => s.Kind == RollbackKind.DataRepair))
            yield return new ExportWarning(ExportWarningKind.NotExpressed, "data repair", "owner and estimated time are in annotation " + Prefix + "data-repair.");
        if (plan.Authority is { } authority)
        {
            yield return new ExportWarning(ExportWarningKind.NotExpressed, "authority",
                "who may trigger, override and is informed is in annotation " + Prefix + "authority; the engine lets anyone with cluster access promote or abort.");
            if (authority.Announcement is { } announcement)
                yield return new ExportWarning(ExportWarningKind.NotExpressed, "announcement",
                    "every rollback is announced in " + announcement.Channel + " within " + Invariant.Duration(announcement.Within) + " by a person (annotation " + Prefix + "announce).");
        }
        if (plan.PointOfNoReturn is { } point && point.Moment is { Length: > 0 } moment)
        {
            yield return new ExportWarning(ExportWarningKind.Approximation, "point of no return",
                "the moment '" + moment + "' cannot be placed on the engine's timeline, so the whole rollout is treated as past the point of no return.");
        }
    }

    /// <summary>"error_rate &lt; 0.1 %", as the runbook writes it.</summary>
    public static string Condition(Condition condition) => ConditionText.Describe(condition);

    private static string Stage(StageShape shape)
    {
        var stage = shape.Stage;
        var parts = new List<string> { Invariant.Number(shape.Percent) + " %" };
        if (!string.IsNullOrWhiteSpace(stage.Audience)) parts.Add("audience: " + stage.Audience);
        if (stage.Observe is { } observe) parts.Add("observe " + Invariant.Duration(observe));
        if (stage.AdvanceWhen.Count > 0) parts.Add("advance when " + string.Join(" and ", stage.AdvanceWhen.Select(Condition)));
        if (stage.After is { } after) parts.Add("after " + Invariant.Duration(after.Duration) + (after.Note is { Length: > 0 } note ? " " + note : ""));
        if (stage.OverrideBy.Count > 0) parts.Add("override by " + string.Join(", ", stage.OverrideBy));
        return stage.Name + ": " + string.Join("; ", parts);
    }

    private static string Step(RollbackStep step)
    {
        var parts = new List<string> { JsonNames.Of(step.Kind) + " " + step.Target };
        parts.Add(step.Takes is { } takes ? "takes " + Invariant.Duration(takes) : "duration not given");
        if (!step.Reversible) parts.Add("irreversible");
        if (step.When is { Length: > 0 } when) parts.Add("when " + when);
        if (step.Owner is { Length: > 0 } owner) parts.Add("owner " + owner);
        if (step.Runbook is { Length: > 0 } runbook) parts.Add("runbook " + runbook);
        if (step.Scope is { Length: > 0 } scope) parts.Add("scope " + scope);
        return string.Join("; ", parts);
    }

    private static string Repair(RollbackStep step) =>
        step.Target + "; owner " + (step.Owner ?? "not named") + "; ETA " + (step.Takes is { } takes ? Invariant.Duration(takes) : "not given")
        + (step.When is { Length: > 0 } when ? "; when " + when : "") + (step.Scope is { Length: > 0 } scope ? "; scope " + scope : "");

    private static IEnumerable<string> Authority(AuthorityRules authority)
    {
        foreach (var right in authority.Triggers) yield return "may trigger rollback: " + right.Role + " (" + JsonNames.Of(right.When) + ")";
        if (authority.Overrides.Count > 0) yield return "may advance or halt any stage: " + string.Join(", ", authority.Overrides);
        if (authority.Informed.Count > 0) yield return "informed, never asked: " + string.Join(", ", authority.Informed);
        if (authority.SignOff.Count > 0) yield return "sign-off (a defect): " + string.Join(", ", authority.SignOff);
    }

    private static string Announce(Announcement announcement) =>
        announcement.Channel + " within " + Invariant.Duration(announcement.Within) + (announcement.Include is { Length: > 0 } include ? " (include: " + include + ")" : "");

    private static string PointText(PointOfNoReturn point)
    {
        var parts = new List<string>();
        if (point.AfterStage is { } stage) parts.Add("once stage " + stage + " has started");
        if (point.Moment is { Length: > 0 } moment) parts.Add("once " + moment);
        return string.Join(", or ", parts) + ": repair forward, never roll back automatically";
    }

    private static string Lines(IEnumerable<string> lines)
    {
        var text = string.Join("\n", lines);
        return text.Length == 0 ? "none" : text;
    }
}
