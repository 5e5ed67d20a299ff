using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Rollout.Dsl.Text;
using static Rollout.Dsl.Rules.PlanText;

namespace Rollout.Dsl.Rules;

/// <summary>
/// Free text in a plan (names, audiences, roles, channels, notes, rollback targets) is one line of printable
/// characters: it lands in runbook tables, chat announcements, YAML annotations and pipeline logs, where a line break,
/// a tab or an invisible control character breaks the layout or hides what the text says. Markup characters
/// (<c>|</c>, <c>&lt;</c>, backticks) stay allowed: every renderer escapes them. Queries are not free text.
/// </summary>
internal static class TextRules
{
    public static readonly Rule OneLineOfPrintableText = new("ROLL025", RuleSeverity.Error,
        "Free text is one line of printable characters", Problems);

    private static IEnumerable<(string, PlanPath)> Problems(RolloutPlan plan)
    {
        var found = new List<(string, PlanPath)>();
        void Check(string? text, string what, PlanPath path)
        {
            if (text is null) return;
            // A multi-line string takes the spec file's line endings; the finding reads the same on every checkout.
            text = text.Replace("\r\n", "\n").Replace('\r', '\n');
            foreach (var c in text)
            {
                if (!FreeText.IsForbidden(c)) continue;
                found.Add((Plan(plan) + ": " + what + " '" + Visible(text) + "' contains " + Name(c) + ". Free text is shown on one line in the runbook, "
                    + "announcements and manifests; remove the character (write two items, or put the detail in a runbook link).", path));
                return;
            }
        }

        Check(plan.Title, "the title", PlanPath.Plan.Title);
        Check(plan.Owner, "the owner", PlanPath.Plan.Owner);
        for (var i = 0; i < plan.Stages.Count; i++)
        {
            var stage = plan.Stages[i];
            var path = PlanPath.Plan.Stage(i);
            var named = "stage #" + Number(i);
            Check(stage.Name, "the name of " + named, path.Name);
            Check(stage.Audience, "the audience of " + named, path.Traffic);
            Check(stage.After?.Note, "the entry condition of " + named, path.After);
            foreach (var role in stage.OverrideBy) Check(role?.Name, "a role that may override " + named, path.OverrideBy);
            foreach (var gate in stage.AdvanceWhen) Check(gate?.Metric?.Name, "a metric of an advance gate of " + named, path.AdvanceWhen);
        }
        for (var i = 0; i < plan.StopLosses.Count; i++)
        {
            Check(plan.StopLosses[i]?.When?.Metric?.Name, "the metric of stop-loss #" + Number(i), PlanPath.Plan.StopLoss.At(i).When);
        }
        for (var i = 0; i < plan.Measurements.Count; i++)
        {
            Check(plan.Measurements[i]?.Metric?.Name, "the metric of measurement #" + Number(i), PlanPath.Plan.Measurements.At(i));
            Check(plan.Measurements[i]?.Source, "the source of measurement #" + Number(i), PlanPath.Plan.Measurements.At(i));
        }
        for (var i = 0; i < plan.Rollback.Count; i++)
        {
            var step = plan.Rollback[i];
            var path = PlanPath.Plan.Rollback.At(i);
            var named = "rollback step #" + Number(i);
            Check(step.Target, "the target of " + named, path);
            Check(step.When, "the condition of " + named, path);
            Check(step.Owner, "the owner of " + named, path);
            Check(step.Runbook, "the runbook of " + named, path);
            Check(step.Scope, "the scope of " + named, path);
        }
        if (plan.Authority is { } authority)
        {
            var path = PlanPath.Plan.Authority;
            for (var i = 0; i < authority.Triggers.Count; i++) Check(authority.Triggers[i]?.Role?.Name, "a role that may trigger a rollback", path.MayTrigger.At(i));
            foreach (var role in authority.Overrides) Check(role?.Name, "a role that may override", path.MayOverride);
            Check(authority.Announcement?.Channel, "the announcement channel", path.Announce);
            Check(authority.Announcement?.Include, "what an announcement includes", path.Announce);
            foreach (var role in authority.Informed) Check(role?.Name, "a role that is informed", path.Inform);
            foreach (var role in authority.SignOff) Check(role?.Name, "a sign-off role", path.SignOff);
        }
        if (plan.PointOfNoReturn is { } point)
        {
            var path = PlanPath.Plan.PointOfNoReturn;
            Check(point.AfterStage, "the stage of the point of no return", path.AfterStage);
            Check(point.Moment, "the moment of the point of no return", path.Moment);
            Check(point.ForwardFix, "the forward fix", path.ForwardFix);
            Check(point.Owner, "the owner of the forward fix", path.ForwardFix);
        }
        return found;
    }

    /// <summary>The text with every forbidden character shown as its escape (<c>\n</c>, <c>\u202E</c>), so the message itself stays one line.</summary>
    private static string Visible(string text)
    {
        var shown = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            shown.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when FreeText.IsForbidden(c) => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return shown.ToString();
    }

    private static string Name(char c) => c switch
    {
        '\n' => "a line break (U+000A)",
        '\r' => "a carriage return (U+000D)",
        '\t' => "a tab (U+0009)",
        '\u2028' or '\u2029' => "a line separator (U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + ")",
        _ when c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069' => "a bidirectional control (U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + ") that makes text display other than it reads",
        _ => "a control character (U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) + ")",
    };

    private static string Number(int index) => (index + 1).ToString(CultureInfo.InvariantCulture);
}
