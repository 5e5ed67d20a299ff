using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Rollout.Cli.Hosting;
using Rollout.Plans;
using Rollout.Cli.Reports;
using Rollout.Dsl;
using Rollout.Dsl.Rendering.Markdown;
using Rollout.Dsl.Rules;
using Rollout.Dsl.Text;

namespace Rollout.Cli.Commands;

/// <summary><c>rollout validate &lt;plan.json|folder&gt;...</c>: the plan schema, then every readiness rule.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var inputs = PathArgument.Many("plans", "Plan files (<plan-id>.plan.json) or folders holding them, such as the build's rollout/ folder.");
        var format = new FormatOption();
        var command = new Command("validate",
            "Check plan files against the plan schema and every readiness rule; print each violation as 'file: ROLLnnn path message'.\n"
            + "Exit codes: 0 clean, 1 violations, 2 unusable input (a file missing, not JSON, another schemaVersion, or rejected by the schema).\n"
            + "Example: rollout validate samples/CheckoutService/rollout/")
        {
            inputs,
            format,
        };
        return command.WithAction(context =>
        {
            var report = new ValidationReport();
            foreach (var file in PlanFiles.Expand(context.Get(inputs)))
            {
                var (plan, problems) = PlanFiles.TryLoad(file);
                report.Files.Add(new FileResult(file, problems, plan is null ? [] : plan.Plan.Validate()));
            }
            ReportOutput.Write(context, report, format.Read(context));
            return report.ExitCode;
        });
    }

    private sealed record FileResult(string File, IReadOnlyList<PlanProblem> SchemaProblems, IReadOnlyList<Finding> Findings);

    private sealed class ValidationReport : IReport
    {
        public List<FileResult> Files { get; } = [];

        public int ExitCode =>
            Files.Any(file => file.SchemaProblems.Count > 0) ? ExitCodes.UnusableInput
            : Files.Any(file => file.Findings.Count > 0) ? ExitCodes.Findings
            : ExitCodes.Ok;

        public void WriteText(TextWriter output)
        {
            foreach (var file in Files)
            {
                foreach (var problem in file.SchemaProblems)
                {
                    output.Write(MarkdownText.OneLine(file.File + ": schema " + PathOrPlan(problem.Path) + " " + problem.Message) + "\n");
                }
                foreach (var finding in file.Findings)
                {
                    output.Write(MarkdownText.OneLine(file.File + ": " + finding.RuleId + " " + PathOrPlan(finding.Path) + " " + finding.Message) + "\n");
                }
            }
            output.Write(Summary() + "\n");
        }

        public void WriteMarkdown(TextWriter output)
        {
            var text = new StringBuilder("### rollout validate\n\n").Append(MarkdownText.Escape(Summary())).Append("\n\n");
            var table = new MarkdownTable("file", "rule", "path", "message");
            var rows = 0;
            foreach (var file in Files)
            {
                foreach (var problem in file.SchemaProblems)
                {
                    table.Row(MarkdownText.Escape(file.File), "schema", MarkdownText.Escape(PathOrPlan(problem.Path)), MarkdownText.Escape(problem.Message));
                    rows++;
                }
                foreach (var finding in file.Findings)
                {
                    table.Row(MarkdownText.Escape(file.File), finding.RuleId, MarkdownText.Escape(PathOrPlan(finding.Path)), MarkdownText.Escape(finding.Message));
                    rows++;
                }
            }
            if (rows > 0) table.WriteTo(text);
            output.Write(text.ToString());
        }

        public void WriteJson(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteNumber("exitCode", ExitCode);
            json.WriteStartArray("files");
            foreach (var file in Files)
            {
                json.WriteStartObject();
                json.WriteString("file", file.File);
                json.WriteString("status", file.SchemaProblems.Count > 0 ? "unusable" : file.Findings.Count > 0 ? "violations" : "clean");
                json.WriteList("schemaProblems", file.SchemaProblems, problem => new[] { ("path", problem.Path), ("message", (string?)problem.Message) });
                json.WriteList("findings", file.Findings, finding => new[]
                {
                    ("rule", finding.RuleId), ("severity", finding.Severity == RuleSeverity.Error ? "error" : "warning"), ("path", finding.Path), ("message", (string?)finding.Message),
                });
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }

        private string Summary()
        {
            var findings = Files.Sum(file => file.Findings.Count);
            var unusable = Files.Count(file => file.SchemaProblems.Count > 0);
            return Files.Count + " plan file(s) checked: " + findings + " violation(s)"
                + (unusable > 0 ? ", " + unusable + " rejected by the plan schema" : "") + ".";
        }

        private static string PathOrPlan(string path) => path.Length == 0 ? "plan" : path;
    }
}
