using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Rollout.Cli.Diff;
using Rollout.Cli.Hosting;
using Rollout.Cli.Reports;
using Rollout.Dsl.Rendering.Markdown;
using Rollout.Dsl.Text;

namespace Rollout.Cli.Commands;

/// <summary><c>rollout diff &lt;old&gt; &lt;new&gt;</c>: every difference between two revisions of plans, classified by risk.</summary>
internal static class DiffCommand
{
    public static Command Create()
    {
        var old = PathArgument.One("old", "The plan before the change: a <plan-id>.plan.json file, or a rollout/ folder of plans.");
        var now = PathArgument.One("new", "The plan after the change: a file, or a folder (plans are paired by id).");
        var format = new FormatOption();
        var command = new Command("diff",
            "List every difference between two revisions of plans, each classified riskier, safer or neutral with the reason "
            + "(looser thresholds, shorter observation, bigger traffic steps, removed stages, rollback steps or authority...). "
            + "--format markdown prints a pull-request comment.\n"
            + "Exit codes: 0 no change, 1 changes and none riskier, 3 at least one riskier change, 2 unusable input.\n"
            + "Example: rollout diff main/rollout/ rollout/ --format markdown")
        {
            old,
            now,
            format,
        };
        return command.WithAction(context =>
        {
            var report = new DiffReport(PlanSetDiff.Compare(context.Get(old), context.Get(now)));
            ReportOutput.Write(context, report, format.Read(context));
            return report.ExitCode;
        });
    }

    private sealed class DiffReport(IReadOnlyList<PlanChange> changes) : IReport
    {
        public int ExitCode =>
            changes.Any(change => change.Risk == Risk.Riskier) ? ExitCodes.Riskier
            : changes.Count > 0 ? ExitCodes.Findings
            : ExitCodes.Ok;

        public void WriteText(TextWriter output)
        {
            foreach (var change in changes) output.Write(MarkdownText.OneLine(change.ToString()) + "\n");
            output.Write(Summary() + "\n");
        }

        public void WriteMarkdown(TextWriter output)
        {
            var text = new StringBuilder("### Rollout plan changes: ").Append(Summary()).Append("\n\n");
            if (ExitCode == ExitCodes.Riskier)
            {
                text.Append("> **This change makes a release riskier.** Ask a second reviewer who owns the release to approve it.\n\n");
            }
            if (changes.Count > 0)
            {
                var table = new MarkdownTable("risk", "plan", "where", "change");
                foreach (var change in changes)
                {
                    var risk = change.Risk == Risk.Riskier ? "**riskier**" : PlanChange.Word(change.Risk);
                    table.Row(risk, MarkdownText.Escape(change.Plan), MarkdownText.Escape(change.Path.Length == 0 ? "plan" : change.Path), MarkdownText.Escape(change.Reason));
                }
                table.WriteTo(text);
            }
            output.Write(text.ToString());
        }

        public void WriteJson(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteNumber("exitCode", ExitCode);
            json.WriteNumber("riskier", Count(Risk.Riskier));
            json.WriteNumber("safer", Count(Risk.Safer));
            json.WriteNumber("neutral", Count(Risk.Neutral));
            json.WriteList("changes", changes, change => new[]
            {
                ("risk", PlanChange.Word(change.Risk)), ("plan", change.Plan), ("path", change.Path), ("reason", (string?)change.Reason),
            });
            json.WriteEndObject();
        }

        private int Count(Risk risk) => changes.Count(change => change.Risk == risk);

        private string Summary() => changes.Count == 0
            ? "no changes."
            : changes.Count + " change(s): " + Count(Risk.Riskier) + " riskier, " + Count(Risk.Safer) + " safer, " + Count(Risk.Neutral) + " neutral.";
    }
}
