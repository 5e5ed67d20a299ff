using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Rollout.Dsl.Dialects;
using Rollout.Dsl.Rendering.Markdown;
using Rollout.Dsl.Rules;
using Rollout.Dsl.Text;

namespace Rollout.Dsl.Rendering;

/// <summary>
/// The runbook an on-call engineer keeps open during the rollout: what to do when things go wrong first,
/// then the stages, stop-losses, rollback steps, authority and readiness. Every user string goes through
/// <see cref="MarkdownText"/> (or <see cref="MermaidText"/> in the diagram).
/// </summary>
internal static class MarkdownRunbook
{
    private const string Missing = "⚠ not set";

    private static readonly Regex PlainPath = new(@"^[A-Za-z0-9_.\[\]]+$", RegexOptions.CultureInvariant);

    /// <summary>
    /// The runbook as GitHub-flavoured Markdown with "\n" line endings, its readiness checklist built from
    /// <paramref name="findings"/> (the plan's <see cref="RuleCatalog.Evaluate"/>); deterministic and culture-invariant.
    /// </summary>
    public static string Render(RolloutPlan plan, IReadOnlyList<Finding> findings)
    {
        if (plan is null) throw new System.ArgumentNullException(nameof(plan));
        var readiness = Readiness.Of(findings);
        // Sized for a typical runbook (a few thousand characters), so the text is not regrown chunk by chunk.
        var text = new StringBuilder(12 * 1024);
        WriteHeader(text, plan, readiness);
        WriteIfThingsGoWrong(text, plan);
        Section(text, "Stages at a glance");
        MermaidDiagram.WriteTo(text, plan);
        WriteStages(text, plan);
        WriteStopLosses(text, plan);
        WriteMeasurements(text, plan);
        WriteRollback(text, plan);
        WriteDataRepair(text, plan);
        WritePointOfNoReturn(text, plan);
        WriteAuthority(text, plan);
        WriteReadiness(text, readiness);
        WriteSource(text, plan);
        return text.ToString();
    }

    /// <summary>"24 h at 'staged' without incident", or the same with the default wording when there is no note.</summary>
    internal static string Soak(Soak after) =>
        Invariant.Duration(after.Duration) + " " + (string.IsNullOrWhiteSpace(after.Note) ? "at the previous stage without incident" : after.Note);

    private static void WriteHeader(StringBuilder text, RolloutPlan plan, IReadOnlyList<RuleResult> readiness)
    {
        text.Append("# Rollout runbook: ").Append(Escape(string.IsNullOrWhiteSpace(plan.Title) ? plan.Id : plan.Title)).Append("\n\n");
        Item(text, "Plan id", Escape(plan.Id));
        Item(text, "Owner", OrMissing(plan.Owner));
        Item(text, "Touches", plan.Touches.Count == 0 ? "nothing declared" : string.Join(", ", plan.Touches.Distinct().Select(SurfaceFacts.PlainName)));
        Item(text, "Readiness", ReadinessSummary(readiness) + (readiness.All(r => r.Passes) ? "" : " See [Readiness checklist](#readiness-checklist)."));
    }

    private static void WriteIfThingsGoWrong(StringBuilder text, RolloutPlan plan)
    {
        Section(text, "If things go wrong");
        text.Append("Stop-losses were agreed before the rollout started: when one is crossed, act; there is nothing to discuss.\n\n");

        text.Append("1. **Stop-loss crossed?**");
        if (plan.StopLosses.Count == 0)
        {
            text.Append(" ⚠ This plan defines no stop-loss, so nobody has agreed when to stop.\n");
        }
        else
        {
            text.Append('\n');
            foreach (var stopLoss in plan.StopLosses)
            {
                text.Append("   - ").Append(Escape(ConditionText.Describe(stopLoss.When))).Append(" → ").Append(RunbookWords.Of(stopLoss.Action)).Append('\n');
            }
        }

        text.Append("2. **First rollback step:** ");
        if (plan.Rollback.Count == 0)
        {
            text.Append("⚠ none defined; this plan does not say what rolling back means.\n");
        }
        else
        {
            var first = plan.Rollback[0];
            text.Append(RunbookWords.Of(first.Kind)).Append(": ").Append(Action(first));
            if (first.Takes is { } takes) text.Append(" (takes ").Append(Invariant.Duration(takes)).Append(')');
            text.Append('.');
            if (plan.Rollback.Count > 1)
            {
                text.Append(" Then ").Append(plan.Rollback.Count == 2 ? "1 more step" : (plan.Rollback.Count - 1).ToString(CultureInfo.InvariantCulture) + " more steps");
                text.Append(", see [Rollback](#rollback).");
            }
            text.Append('\n');
        }

        text.Append("3. **Announce:** ");
        if (plan.Authority?.Announcement is { } announcement) text.Append(Announcement(announcement)).Append('\n');
        else text.Append("⚠ this plan does not say where rollbacks are announced.\n");

        text.Append("4. **Who may trigger a rollback:** ");
        if (plan.Authority is not { Triggers.Count: > 0 } authority) text.Append("⚠ nobody is named.\n");
        else
        {
            text.Append(string.Join("; ", authority.Triggers.Select(t => Escape(t.Role.Name) + " " + RunbookWords.Grounds(t.When))));
            text.Append(authority.SignOff.Count == 0 ? ". No sign-off is needed.\n" : ". ❌ This plan also demands sign-off from " + Roles(authority.SignOff) + ", which is a defect: do not wait for it.\n");
        }
        if (plan.Authority is { Informed.Count: > 0 } informed)
        {
            text.Append("5. **Inform, do not ask:** ").Append(Roles(informed.Informed)).Append(".\n");
        }
        if (plan.PointOfNoReturn is { } point)
        {
            text.Append("\n⚠ **Point of no return:** ").Append(PointOfNoReturnMoment(point)).Append(" repair forward instead of rolling back");
            text.Append(string.IsNullOrWhiteSpace(point.ForwardFix) ? "" : ": " + Escape(point.ForwardFix));
            text.Append(string.IsNullOrWhiteSpace(point.Owner) ? "" : " (owner: " + Escape(point.Owner) + ")").Append(". See [Point of no return](#point-of-no-return).\n");
        }
    }

    private static void WriteStages(StringBuilder text, RolloutPlan plan)
    {
        Section(text, "Stages");
        if (plan.Stages.Count == 0)
        {
            text.Append("⚠ This plan has no stages.\n");
            return;
        }
        var table = new MarkdownTable("#", "Stage", "Traffic", "Audience", "Observe", "Advance when", "Enter after", "May override");
        IReadOnlyList<Role> planWide = plan.Authority?.Overrides ?? [];
        for (var i = 0; i < plan.Stages.Count; i++)
        {
            var stage = plan.Stages[i];
            var isLast = i == plan.Stages.Count - 1;
            table.Row(
                Number(i + 1),
                Escape(stage.Name),
                stage.TrafficPercent is { } percent ? Escape(Invariant.Number(percent) + " %") : Missing,
                Escape(stage.Audience),
                stage.Observe is { } observe ? Invariant.Duration(observe) : isLast ? "" : Missing,
                stage.AdvanceWhen.Count == 0 ? (isLast ? "last stage" : "") : string.Join(" and ", stage.AdvanceWhen.Select(c => Escape(ConditionText.Describe(c)))),
                stage.After is { } after ? Escape(Soak(after)) : "",
                Roles(stage.OverrideBy.Count == 0 ? planWide : stage.OverrideBy));
        }
        table.WriteTo(text);
    }

    private static void WriteStopLosses(StringBuilder text, RolloutPlan plan)
    {
        Section(text, "Stop-loss");
        if (plan.StopLosses.Count == 0)
        {
            text.Append("⚠ **No stop-loss is defined.** Nobody has agreed at which number the rollout stops.\n");
            return;
        }
        text.Append("These apply at every stage. The action is decided: take it as soon as the threshold is crossed.\n\n");
        var table = new MarkdownTable("#", "When", "Action");
        for (var i = 0; i < plan.StopLosses.Count; i++)
        {
            var stopLoss = plan.StopLosses[i];
            table.Row(Number(i + 1), Escape(ConditionText.Describe(stopLoss.When)), RunbookWords.Of(stopLoss.Action));
        }
        table.WriteTo(text);
    }

    /// <summary>For each stop-loss and gate: the exact query, window filled in, that an on-call engineer can paste into Prometheus.</summary>
    private static void WriteMeasurements(StringBuilder text, RolloutPlan plan)
    {
        Section(text, "How gates and stop-losses are measured");
        var evaluation = plan.StopLossEvaluation;
        text.Append("Stop-losses are evaluated every ").Append(Invariant.Duration(evaluation.Every))
            .Append(" over the last ").Append(Invariant.Duration(evaluation.Window))
            .Append("; advance gates over their stage's observation window. Each query returns the metric's value in its unit: paste it into Prometheus to see what the plan compares.\n");
        for (var i = 0; i < plan.StopLosses.Count; i++)
        {
            var stopLoss = plan.StopLosses[i];
            WriteQuery(text, plan, "Stop-loss " + Number(i + 1), stopLoss.When, evaluation.Window);
        }
        foreach (var stage in plan.Stages)
        {
            foreach (var gate in stage.AdvanceWhen)
            {
                WriteQuery(text, plan, "Stage " + Escape(stage.Name) + ", advance gate", gate, plan.GateWindowOf(stage));
            }
        }
    }

    private static void WriteQuery(StringBuilder text, RolloutPlan plan, string label, Condition condition, System.TimeSpan window)
    {
        text.Append("\n**").Append(label).Append(":** ").Append(Escape(ConditionText.Describe(condition)))
            .Append(" (window ").Append(Invariant.Duration(window)).Append(")\n\n");
        var measurement = plan.MeasurementOf(condition.Metric);
        if (measurement is not null && PrometheusDialect.IsFor(measurement))
        {
            text.Append(MarkdownText.CodeBlock(PrometheusDialect.QueryOver(measurement, window), "promql"));
        }
        else if (measurement is not null)
        {
            text.Append("Measured in ").Append(Escape(measurement.Source)).Append(", where ").Append(Escape(Measurement.WindowPlaceholder))
                .Append(" stands for the window above:\n\n").Append(MarkdownText.CodeBlock(measurement.Query, ""));
        }
        else
        {
            text.Append("⚠ No measurement: this plan does not say how ").Append(Escape(condition.Metric?.Name ?? "(no metric)")).Append(" is measured, so it is judged by hand (ROLL024).\n");
        }
    }

    private static void WriteRollback(StringBuilder text, RolloutPlan plan)
    {
        Section(text, "Rollback");
        if (plan.Rollback.Count == 0)
        {
            text.Append("⚠ **No rollback is defined.** This plan does not say what rolling back means.\n");
            return;
        }
        text.Append("Run the steps in this order. A step with a condition applies only when the condition holds.\n\n");
        var table = new MarkdownTable("#", "Kind", "What to do", "Applies when", "Takes", "Owner", "Procedure");
        for (var i = 0; i < plan.Rollback.Count; i++)
        {
            var step = plan.Rollback[i];
            table.Row(
                Number(i + 1),
                RunbookWords.Of(step.Kind),
                Action(step),
                step.When is null ? "always" : Escape(step.When),
                step.Takes is { } takes ? Invariant.Duration(takes) : step.Kind == RollbackKind.DataRepair ? "⚠ no estimate" : "",
                Escape(step.Owner),
                step.Runbook is null ? "" : "runbook: " + Escape(step.Runbook));
        }
        table.WriteTo(text);
    }

    private static void WriteDataRepair(StringBuilder text, RolloutPlan plan)
    {
        var repairs = plan.Rollback.Select((step, index) => (step, index)).Where(x => x.step.Kind == RollbackKind.DataRepair).ToList();
        if (repairs.Count == 0 && !plan.Touches.Contains(Surface.PersistentData)) return;
        Section(text, "Data repair");
        if (repairs.Count == 0)
        {
            text.Append("⚠ This plan writes persistent data but has no data-repair step.\n");
            return;
        }
        text.Append("Records written with the new logic before the rollback are corrected as follows.\n");
        foreach (var (step, index) in repairs)
        {
            text.Append("\n**Rollback step ").Append(Number(index + 1)).Append("**\n\n");
            Item(text, "Run", Escape(step.Target));
            Item(text, "Applies when", step.When is null ? "always" : Escape(step.When));
            Item(text, "Repairs", step.Scope is null ? "not described" : Escape(step.Scope));
            Item(text, "Owner", OrMissing(step.Owner));
            Item(text, "Estimated time", step.Takes is { } takes ? Invariant.Duration(takes) : Missing);
            if (step.Runbook is not null) Item(text, "Runbook", Escape(step.Runbook));
        }
    }

    private static void WritePointOfNoReturn(StringBuilder text, RolloutPlan plan)
    {
        Section(text, "Point of no return");
        if (plan.PointOfNoReturn is not { } point)
        {
            var persistent = plan.Touches.Where(s => s.ChangesPersistentState()).Distinct().ToList();
            text.Append(persistent.Count == 0
                ? "None: this plan does not change persistent state, so rolling back stays the default at every stage.\n"
                : "⚠ **None declared**, although this plan changes persistent state (" + string.Join(", ", persistent.Select(SurfaceFacts.PlainName)) + ").\n");
            return;
        }
        text.Append(PointOfNoReturnMoment(point)).Append(" rolling back is no longer the default: repair forward.\n\n");
        if (point.AfterStage is not null) Item(text, "After stage", Escape(point.AfterStage));
        if (point.Moment is not null) Item(text, "Moment", Escape(point.Moment));
        Item(text, "Forward fix", string.IsNullOrWhiteSpace(point.ForwardFix) ? Missing : Escape(point.ForwardFix));
        Item(text, "Owner", OrMissing(point.Owner));
    }

    private static void WriteAuthority(StringBuilder text, RolloutPlan plan)
    {
        Section(text, "Authority");
        if (plan.Authority is not { } authority)
        {
            text.Append("⚠ **No authority rules.** Nobody knows who may roll back.\n");
            return;
        }
        text.Append("These rights are granted in advance; nobody asks for permission during an incident.\n\n");
        var table = new MarkdownTable("Who", "May", "On what grounds");
        foreach (var right in authority.Triggers) table.Row(Escape(right.Role.Name), "trigger a rollback", RunbookWords.Grounds(right.When));
        foreach (var role in authority.Overrides) table.Row(Escape(role.Name), "advance or halt any stage by hand", "their judgement");
        foreach (var role in authority.Informed) table.Row(Escape(role.Name), "be informed, never asked", "");
        foreach (var role in authority.SignOff) table.Row(Escape(role.Name), "❌ sign off before a rollback", "**defect**: a rollback never waits for sign-off");
        if (authority.Triggers.Count == 0) table.Row(Missing, "trigger a rollback", "⚠ nobody is named");
        table.WriteTo(text);
        text.Append("\n**Announcement:** ");
        text.Append(authority.Announcement is { } announcement ? Announcement(announcement) : "⚠ not defined.").Append('\n');
    }

    private static void WriteReadiness(StringBuilder text, IReadOnlyList<RuleResult> readiness)
    {
        Section(text, "Readiness checklist");
        text.Append(ReadinessSummary(readiness)).Append("\n\n");
        foreach (var result in readiness)
        {
            var mark = result.Passes ? "✅" : result.Rule.DefaultSeverity == RuleSeverity.Error ? "❌" : "⚠️";
            text.Append("- ").Append(mark).Append(" **").Append(result.Rule.Id).Append("** ").Append(Escape(result.Rule.Title));
            if (!result.Passes) text.Append(result.Rule.DefaultSeverity == RuleSeverity.Error ? " (error)" : " (warning)");
            text.Append('\n');
            foreach (var finding in result.Findings)
            {
                text.Append("  - ").Append(Escape(finding.Message)).Append(" (at ").Append(Path(finding.Path)).Append(")\n");
            }
        }
    }

    private static void WriteSource(StringBuilder text, RolloutPlan plan)
    {
        Section(text, "Where this plan came from");
        if (plan.Source is { } source)
        {
            text.Append("Spec method ").Append(OrMissing(source.Member)).Append(" in ").Append(OrMissing(source.File)).Append(". ");
        }
        else
        {
            text.Append("The spec's location was not recorded. ");
        }
        text.Append("This runbook is generated from the spec on every build: change the spec, not this file.\n");
    }

    private static string ReadinessSummary(IReadOnlyList<RuleResult> readiness)
    {
        var errors = readiness.Count(r => !r.Passes && r.Rule.DefaultSeverity == RuleSeverity.Error);
        var warnings = readiness.Count(r => !r.Passes && r.Rule.DefaultSeverity != RuleSeverity.Error);
        if (errors > 0)
        {
            return "❌ **Not ready**: " + Count(errors, "check") + " failing" + (warnings > 0 ? ", " + Count(warnings, "warning") : "") + " (of " + Number(readiness.Count) + ").";
        }
        return warnings > 0
            ? "✅ Ready, with " + Count(warnings, "warning") + " (" + Number(readiness.Count - warnings) + " of " + Number(readiness.Count) + " checks pass)."
            : "✅ Ready: all " + Number(readiness.Count) + " checks pass.";
    }

    private static string Action(RollbackStep step) =>
        step.Reversible ? Escape(RunbookWords.Action(step)) : "⛔ **Irreversible**: " + Escape(step.Target);

    private static string Announcement(Announcement announcement) =>
        "post every rollback in " + OrMissing(announcement.Channel) + " within " + Invariant.Duration(announcement.Within)
        + (string.IsNullOrWhiteSpace(announcement.Include) ? "." : ", with " + Escape(announcement.Include) + ".");

    private static string PointOfNoReturnMoment(PointOfNoReturn point)
    {
        if (point.AfterStage is not null && !string.IsNullOrWhiteSpace(point.Moment)) return "Once stage " + Escape(point.AfterStage) + " has started, or once " + Escape(point.Moment) + ",";
        if (point.AfterStage is not null) return "Once stage " + Escape(point.AfterStage) + " has started,";
        if (!string.IsNullOrWhiteSpace(point.Moment)) return "Once " + Escape(point.Moment) + ",";
        return "⚠ The moment is not stated; once it is reached,";
    }

    private static string Path(string path) =>
        path.Length == 0 ? "the plan" : PlainPath.IsMatch(path) ? "`" + path + "`" : Escape(path);

    private static string Roles(IReadOnlyList<Role> roles) => string.Join(", ", roles.Select(r => Escape(r.Name)));

    private static string OrMissing(string? value) => string.IsNullOrWhiteSpace(value) ? Missing : Escape(value);

    private static string Escape(string? value) => MarkdownText.Escape(value);

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Count(int value, string noun) => Number(value) + " " + noun + (value == 1 ? "" : "s");

    private static void Section(StringBuilder text, string title) => text.Append("\n## ").Append(title).Append("\n\n");

    private static void Item(StringBuilder text, string label, string value) =>
        text.Append("- **").Append(label).Append(":** ").Append(value).Append('\n');
}
