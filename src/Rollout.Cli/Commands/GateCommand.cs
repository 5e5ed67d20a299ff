using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using Rollout.Cli.Hosting;
using Rollout.Plans;
using Rollout.Cli.Reports;
using Rollout.Dsl;
using Rollout.Dsl.Rendering.Json;
using Rollout.Dsl.Rendering.Markdown;
using Rollout.Dsl.Text;
using Rollout.Gates;
using Rollout.Semantics;

namespace Rollout.Cli.Commands;

/// <summary>
/// <c>rollout gate &lt;plan.json&gt; --stage NAME --prometheus URL</c>: asks Prometheus about the plan's
/// stop-losses and the stage's advance gates and answers advance (0), hold (10), roll back (20) or halt (30).
/// </summary>
internal static class GateCommand
{
    public static Command Create()
    {
        var plan = PathArgument.One("plan", "The <plan-id>.plan.json file.");
        var stage = new Option<string>("--stage") { Description = "The stage the rollout is in, e.g. canary.", Required = true };
        var startedAt = new Option<string?>("--started-at") { Description = "When the stage started (ISO 8601, e.g. 2026-11-29T08:00:00Z); before its observation time has run, the answer is hold." };
        var timeout = new Option<string>("--timeout") { Description = "Limit for the whole evaluation, retries included: 30s (default), 2m, 1m30s.", DefaultValueFactory = _ => "30s" };
        var format = new FormatOption();
        var command = new Command("gate",
            "Evaluate the plan's stop-losses, then the stage's advance gates, against Prometheus and print the decision table.\n"
            + "Exit codes: 0 advance, 10 hold (a gate failed or had no data, the stage's time has not run, or a person must approve the point of no return), "
            + "20 roll back, 30 halt (a crossed halt stop-loss, or any crossed stop-loss at or past the point of no return: the reason names the forward fix), 2 unusable input.\n"
            + "Never 0 without a value for every stop-loss and advance gate.\n"
            + "Example: rollout gate rollout/new-checkout-flow.plan.json --stage canary --prometheus http://prometheus:9090")
        {
            plan, stage, startedAt, timeout, format,
        };
        var prometheus = PrometheusConnection.AddTo(command);
        return command.WithAction(context =>
        {
            var loaded = PlanFiles.Load(context.Get(plan));
            if (PrometheusOnly.Refusal(loaded.Plan, "rollout gate") is { } refusal) throw new UserError(context.Get(plan) + ": " + refusal);
            var stageName = context.Get(stage);
            if (!loaded.Plan.Stages.Any(s => s.Name == stageName))
            {
                throw new UserError(context.Get(plan) + ": plan '" + loaded.Plan.Id + "' has no stage '" + stageName + "'; use one of " + string.Join(", ", loaded.Plan.Stages.Select(s => s.Name)) + ".");
            }
            var (address, http) = prometheus.Open(context);
            using var client = http;
            var started = StartedAt(context.Get(startedAt), DateTimeOffset.UtcNow);
            var options = new GateOptions { Timeout = ParseTimeout(context.Get(timeout)) };

            var result = new GateEvaluator(http, address, options).EvaluateAsync(loaded.Plan, stageName, started).GetAwaiter().GetResult();
            ReportOutput.Write(context, new GateReport(result, options), format.Read(context));
            return result.ExitCode;
        });
    }

    private static DateTimeOffset? StartedAt(string? text, DateTimeOffset now)
    {
        if (text is null) return null;
        var value = TimeArgument.Parse("--started-at", text);
        // A minute of clock skew between the pipeline's machines is allowed; more is a wrong time, not a stage that has not begun.
        if (value > now + TimeSpan.FromMinutes(1))
        {
            throw new UserError("--started-at: " + TimeText.Of(value) + " is in the future (now is " + TimeText.Of(now) + "); pass the time the stage began.");
        }
        return value;
    }

    /// <summary>30s, 2m, 1m30s, 500ms: hours, minutes, seconds and milliseconds in that order, each optional, the sum positive.</summary>
    internal static TimeSpan ParseTimeout(string text)
    {
        if (ShortDuration.TryParse(text, out var value) && value > TimeSpan.Zero) return value;
        throw new UserError("--timeout: '" + text + "' is not a positive duration; write e.g. 30s, 2m or 1m30s.");
    }

    private sealed class GateReport : IReport
    {
        private readonly GateResult _result;
        private readonly GateOptions _options;

        public GateReport(GateResult result, GateOptions options)
        {
            _result = result;
            _options = options;
        }

        /// <summary>"2 of 5 queries were retried (...)"; null when every query was answered on its first attempt.</summary>
        private string? Retries()
        {
            var retried = _result.Checks.Where(c => c.Attempts > 1).ToList();
            if (retried.Count == 0) return null;
            return "retried: " + retried.Count.ToString(CultureInfo.InvariantCulture) + " of " + _result.Checks.Count.ToString(CultureInfo.InvariantCulture)
                + " queries needed more than one attempt after transient failures (" + string.Join("; ", retried.Select(c => ConditionText.Describe(c.Condition) + ": " + Attempts(c))) + ")";
        }

        private static string Attempts(CheckResult check) =>
            check.Attempts.ToString(CultureInfo.InvariantCulture) + " attempts, last " + (check.LastAttempt ?? "unknown");

        public void WriteText(TextWriter output)
        {
            output.Write("rollout gate: plan " + _result.PlanId + ", stage " + _result.Stage + ", at " + Time(_result.EvaluatedAt) + "\n");
            foreach (var check in _result.Checks)
            {
                output.Write(MarkdownText.OneLine(Kind(check) + "  " + ConditionText.Describe(check.Condition) + "  observed " + Observed(check) + "  " + Word(check.Verdict)
                    + (check.Reason is null ? "" : " (" + check.Reason + ")") + (check.Attempts > 1 ? "  (" + Attempts(check) + ")" : "") + "  query: " + (check.Query ?? "none")) + "\n");
            }
            if (Retries() is { } retries) output.Write(MarkdownText.OneLine(retries) + "\n");
            output.Write(MarkdownText.OneLine("decision: " + ReportWords.Of(_result.Decision) + " (exit " + _result.ExitCode.ToString(CultureInfo.InvariantCulture) + "): " + _result.Reason) + "\n");
        }

        public void WriteMarkdown(TextWriter output)
        {
            var text = new StringBuilder("### rollout gate: ").Append(MarkdownText.Escape(_result.PlanId)).Append(", stage ").Append(MarkdownText.Escape(_result.Stage)).Append("\n\n")
                .Append("**Decision: ").Append(ReportWords.Of(_result.Decision)).Append("** (exit ").Append(_result.ExitCode.ToString(CultureInfo.InvariantCulture)).Append("): ")
                .Append(MarkdownText.Escape(_result.Reason)).Append("\n\n");
            var table = new MarkdownTable("check", "metric", "threshold", "observed", "verdict", "query");
            foreach (var check in _result.Checks)
            {
                table.Row(Kind(check), MarkdownText.Escape(check.Condition.Metric.Name),
                    MarkdownText.Escape(ConditionText.Symbol(check.Condition.Comparison) + " " + ConditionText.Threshold(check.Condition.Threshold, check.Condition.Metric.Unit)),
                    MarkdownText.Escape(Observed(check)),
                    MarkdownText.Escape(Word(check.Verdict) + (check.Reason is null ? "" : ": " + check.Reason)),
                    MarkdownText.Escape(check.Query ?? "none"));
            }
            table.WriteTo(text);
            if (Retries() is { } retries) text.Append('\n').Append(MarkdownText.Escape(retries)).Append('\n');
            text.Append("\nEvaluated at ").Append(Time(_result.EvaluatedAt)).Append(".\n");
            output.Write(text.ToString());
        }

        public void WriteJson(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("plan", _result.PlanId);
            json.WriteString("stage", _result.Stage);
            json.WriteString("decision", ReportWords.Of(_result.Decision));
            json.WriteNumber("exitCode", _result.ExitCode);
            json.WriteString("reason", _result.Reason);
            json.WriteString("evaluatedAt", TimeText.IsoMilliseconds(_result.EvaluatedAt));
            if (_result.TimeLeft is { } left) json.WriteString("timeLeft", Invariant.Iso8601(left));
            else json.WriteNull("timeLeft");
            json.WriteStartObject("policy");
            json.WriteString("timeout", Invariant.Iso8601(_options.Timeout));
            json.WriteString("attemptTimeout", Invariant.Iso8601(_options.AttemptTimeout));
            json.WriteNumber("retries", _options.Retries);
            json.WriteString("firstRetryDelay", Invariant.Iso8601(_options.FirstRetryDelay));
            json.WriteString("retryOn", "connection failures, attempt timeouts, HTTP 5xx and 429; never other 4xx");
            json.WriteEndObject();
            json.WriteStartArray("checks");
            foreach (var check in _result.Checks)
            {
                json.WriteStartObject();
                json.WriteString("kind", check.Kind == CheckKind.StopLoss ? "stopLoss" : "advanceGate");
                json.WriteString("metric", check.Condition.Metric.Name);
                json.WriteString("unit", JsonNames.Of(check.Condition.Metric.Unit));
                json.WriteString("comparison", JsonNames.Of(check.Condition.Comparison));
                if (double.IsFinite(check.Condition.Threshold)) json.WriteNumber("threshold", check.Condition.Threshold);
                else json.WriteNull("threshold");
                json.WriteString("window", Invariant.Iso8601(check.Window));
                if (check.Query is null) json.WriteNull("query"); else json.WriteString("query", check.Query);
                if (check.Observed is { } observed) json.WriteNumber("observed", observed); else json.WriteNull("observed");
                json.WriteString("verdict", Word(check.Verdict));
                if (check.Reason is null) json.WriteNull("reason"); else json.WriteString("reason", check.Reason);
                if (check.Action is { } action) json.WriteString("action", JsonNames.Of(action));
                json.WriteNumber("attempts", check.Attempts);
                if (check.LastAttempt is null) json.WriteNull("lastAttempt"); else json.WriteString("lastAttempt", check.LastAttempt);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }

        private static string Kind(CheckResult check) => check.Kind == CheckKind.StopLoss ? "stop-loss" : "advance gate";

        private static string Observed(CheckResult check) =>
            check.Observed is { } value ? ConditionText.Threshold(Math.Round(value, 4), check.Condition.Metric.Unit) : "-";

        private static string Time(DateTimeOffset time) => TimeText.Of(time);

        private static string Word(Verdict verdict) => verdict switch
        {
            Verdict.Pass => "pass",
            Verdict.Fail => "fail",
            Verdict.Clear => "clear",
            Verdict.Crossed => "crossed",
            _ => "no data",
        };

    }
}
