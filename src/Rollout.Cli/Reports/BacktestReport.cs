using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using Rollout.Dsl;
using Rollout.Dsl.Rendering.Json;
using Rollout.Dsl.Rendering.Markdown;
using Rollout.Dsl.Text;
using Rollout.Gates.Backtest;
using Rollout.Semantics;

namespace Rollout.Cli.Reports;

/// <summary><c>rollout backtest</c>'s report: text, markdown (with one SVG chart per stop-loss when written to a folder) and JSON (schemas/reports/backtest.v1.schema.json).</summary>
internal sealed class BacktestReport : IReport
{
    private readonly BacktestResult _result;

    public BacktestReport(BacktestResult result) => _result = result;

    public void WriteText(TextWriter output)
    {
        var text = new StringBuilder();
        text.Append("rollout backtest: plan ").Append(_result.PlanId).Append(", ").Append(Period()).Append('\n');
        for (var i = 0; i < _result.Incidents.Count; i++) text.Append("incident ").Append(Number(i + 1)).Append(": ").Append(Span(_result.Incidents[i])).Append('\n');
        foreach (var stopLoss in _result.StopLosses)
        {
            text.Append(MarkdownText.OneLine("stop-loss " + Describe(stopLoss) + ": " + Summary(stopLoss))).Append('\n');
            foreach (var firing in stopLoss.Firings) text.Append("  firing ").Append(MarkdownText.OneLine(FiringText(stopLoss, firing))).Append('\n');
            for (var i = 0; i < stopLoss.Incidents.Count; i++) text.Append("  incident ").Append(Number(i + 1)).Append(": ").Append(Detection(stopLoss, stopLoss.Incidents[i])).Append('\n');
            text.Append("  suggested threshold: ").Append(MarkdownText.OneLine(stopLoss.Suggestion.Statement)).Append('\n');
        }
        foreach (var stage in _result.Stages) text.Append(MarkdownText.OneLine("stage " + stage.Stage + ": " + Held(stage))).Append('\n');
        text.Append("result: ").Append(Verdict()).Append('\n');
        output.Write(text.ToString());
    }

    public void WriteMarkdown(TextWriter output) => output.Write(Markdown(withCharts: false));

    /// <summary>The markdown report; <paramref name="withCharts"/> embeds each stop-loss's chart (<see cref="Charts"/>, written beside it).</summary>
    public string Markdown(bool withCharts)
    {
        var text = new StringBuilder("### rollout backtest: ").Append(MarkdownText.Escape(_result.PlanId)).Append("\n\n")
            .Append(MarkdownText.Escape(Period())).Append("\n\n**").Append(MarkdownText.Escape(Verdict())).Append("**\n\n");
        if (_result.Incidents.Count > 0)
        {
            var incidents = new MarkdownTable("incident", "from", "to");
            for (var i = 0; i < _result.Incidents.Count; i++) incidents.Row(Number(i + 1), Time(_result.Incidents[i].From), Time(_result.Incidents[i].To));
            incidents.WriteTo(text);
            text.Append('\n');
        }
        var charts = Charts().Select(c => c.Name).ToList();
        for (var s = 0; s < _result.StopLosses.Count; s++)
        {
            var stopLoss = _result.StopLosses[s];
            text.Append("#### Stop-loss `").Append(Describe(stopLoss).Replace("`", "'", StringComparison.Ordinal)).Append("`\n\n")
                .Append(MarkdownText.Escape(Summary(stopLoss))).Append("\n\n");
            if (withCharts) text.Append("![").Append(MarkdownText.Escape(stopLoss.Condition.Metric.Name)).Append(" over the period](").Append(charts[s]).Append(")\n\n");
            if (stopLoss.Incidents.Count > 0)
            {
                var detections = new MarkdownTable("incident", "detection");
                for (var i = 0; i < stopLoss.Incidents.Count; i++) detections.Row(Number(i + 1), MarkdownText.Escape(Detection(stopLoss, stopLoss.Incidents[i])));
                detections.WriteTo(text);
                text.Append('\n');
            }
            if (stopLoss.Firings.Count > 0)
            {
                var firings = new MarkdownTable("firing at", "value", "peak", "until", "decision", "belongs to");
                foreach (var firing in stopLoss.Firings)
                {
                    firings.Row(Time(firing.Start), MarkdownText.Escape(Value(stopLoss, firing.Value)), MarkdownText.Escape(Value(stopLoss, firing.Peak)), Time(firing.End),
                        ReportWords.Of(firing.Decision), firing.Incident is { } incident ? "incident " + Number(incident + 1) : "false alarm");
                }
                firings.WriteTo(text);
                text.Append('\n');
            }
            text.Append("Suggested threshold: ").Append(MarkdownText.Escape(stopLoss.Suggestion.Statement)).Append("\n\n");
        }
        var stages = new MarkdownTable("stage", "advance gates", "gates held", "of which no data");
        foreach (var stage in _result.Stages)
        {
            stages.Row(MarkdownText.Escape(stage.Stage), Number(stage.Gates), stage.Gates == 0 ? "-" : Percent(stage.Held, stage.Evaluations), stage.Gates == 0 ? "-" : Percent(stage.HeldForNoData, stage.Evaluations));
        }
        stages.WriteTo(text);
        return text.ToString();
    }

    /// <summary>One SVG per stop-loss, named <c>&lt;n&gt;-&lt;metric&gt;.svg</c> (plan order, from 1).</summary>
    public IReadOnlyList<(string Name, string Svg)> Charts() =>
        _result.StopLosses.Select((s, i) => (Number(i + 1) + "-" + FileName(s.Condition.Metric.Name) + ".svg", BacktestChart.Svg(_result, s))).ToList();

    public void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("plan", _result.PlanId);
        json.WriteString("from", ReportWords.Iso(_result.From));
        json.WriteString("to", ReportWords.Iso(_result.To));
        json.WriteString("every", Invariant.Iso8601(_result.Every));
        json.WriteString("window", Invariant.Iso8601(_result.Window));
        json.WriteString("stage", _result.Stage);
        json.WriteNumber("rangeQueries", _result.RangeQueries);
        json.WriteNumber("exitCode", _result.ExitCode);
        json.WriteStartArray("incidents");
        foreach (var incident in _result.Incidents)
        {
            json.WriteStartObject();
            json.WriteString("from", ReportWords.Iso(incident.From));
            json.WriteString("to", ReportWords.Iso(incident.To));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("stopLosses");
        foreach (var stopLoss in _result.StopLosses) StopLossJson(json, stopLoss);
        json.WriteEndArray();
        json.WriteStartArray("stages");
        foreach (var stage in _result.Stages)
        {
            json.WriteStartObject();
            json.WriteString("stage", stage.Stage);
            json.WriteNumber("advanceGates", stage.Gates);
            json.WriteNumber("evaluations", stage.Evaluations);
            json.WriteNumber("held", stage.Held);
            json.WriteNumber("heldForNoData", stage.HeldForNoData);
            json.WriteNumber("heldShare", Math.Round(stage.HeldShare, 6));
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void StopLossJson(Utf8JsonWriter json, StopLossBacktest stopLoss)
    {
        json.WriteStartObject();
        json.WriteString("metric", stopLoss.Condition.Metric.Name);
        json.WriteString("unit", JsonNames.Of(stopLoss.Condition.Metric.Unit));
        json.WriteString("comparison", JsonNames.Of(stopLoss.Condition.Comparison));
        json.WriteNumber("threshold", stopLoss.Condition.Threshold);
        json.WriteString("action", JsonNames.Of(stopLoss.Action));
        json.WriteString("query", stopLoss.Query);
        json.WriteNumber("evaluations", stopLoss.Evaluations);
        json.WriteNumber("withValue", stopLoss.WithValue);
        json.WriteStartObject("withoutValue");
        foreach (var problem in stopLoss.Problems) json.WriteNumber(ProblemName(problem.Key), problem.Value);
        json.WriteEndObject();
        json.WriteStartArray("firings");
        foreach (var firing in stopLoss.Firings)
        {
            json.WriteStartObject();
            json.WriteString("at", ReportWords.Iso(firing.Start));
            json.WriteString("until", ReportWords.Iso(firing.End));
            json.WriteNumber("value", firing.Value);
            json.WriteNumber("peak", firing.Peak);
            json.WriteString("decision", ReportWords.Of(firing.Decision));
            if (firing.Incident is { } incident) json.WriteNumber("incident", incident + 1); else json.WriteNull("incident");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("incidents");
        foreach (var detection in stopLoss.Incidents)
        {
            json.WriteStartObject();
            json.WriteBoolean("caught", detection.DetectedAt is not null);
            if (detection.DetectedAt is { } at) json.WriteString("detectedAt", ReportWords.Iso(at)); else json.WriteNull("detectedAt");
            if (detection.Delay is { } delay) json.WriteString("delay", Invariant.Iso8601(delay)); else json.WriteNull("delay");
            if (detection.Peak is { } peak) json.WriteNumber("peak", peak); else json.WriteNull("peak");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteNumber("falseAlarms", stopLoss.FalseAlarms);
        json.WriteNumber("falseAlarmsPerWeek", Math.Round(stopLoss.FalseAlarmsPerWeek, 4));
        json.WriteStartObject("suggestion");
        if (stopLoss.Suggestion.Threshold is { } threshold) json.WriteNumber("threshold", threshold); else json.WriteNull("threshold");
        json.WriteString("statement", stopLoss.Suggestion.Statement);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    internal static string Describe(StopLossBacktest stopLoss) => ConditionText.Describe(stopLoss.Condition) + " (" + JsonNames.Of(stopLoss.Action) + ")";

    internal static string Time(DateTimeOffset time) => TimeText.Of(time);

    internal static string Value(StopLossBacktest stopLoss, double value) => ConditionText.Threshold(Math.Round(value, 4), stopLoss.Condition.Metric.Unit);

    private string Period() =>
        Time(_result.From) + " to " + Time(_result.To) + ", every " + Invariant.Duration(_result.Every) + " over " + Invariant.Duration(_result.Window)
        + " (" + Number(_result.StopLosses.Count == 0 ? 0 : _result.StopLosses[0].Evaluations) + " evaluations, " + Number(_result.RangeQueries) + " range queries)";

    private string Verdict()
    {
        var missed = Enumerable.Range(0, _result.Incidents.Count).Where(i => _result.StopLosses.All(s => s.Incidents[i].DetectedAt is null)).Select(i => "incident " + Number(i + 1)).ToList();
        var falseAlarms = _result.StopLosses.Sum(s => s.FalseAlarms);
        var parts = new List<string>();
        parts.Add(missed.Count > 0 ? "missed " + string.Join(", ", missed) : _result.Incidents.Count == 0 ? "no incident given" : "every incident caught");
        parts.Add(falseAlarms == 0 ? "no false alarm" : Number(falseAlarms) + " false alarm(s)");
        return string.Join(", ", parts) + " (exit " + Number(_result.ExitCode) + ")";
    }

    private static string Summary(StopLossBacktest stopLoss)
    {
        var text = Number(stopLoss.Firings.Count) + " firing(s), " + Number(stopLoss.FalseAlarms) + " false alarm(s) ("
            + stopLoss.FalseAlarmsPerWeek.ToString("0.##", CultureInfo.InvariantCulture) + " per week); a value at " + Number(stopLoss.WithValue) + " of " + Number(stopLoss.Evaluations) + " evaluations";
        if (stopLoss.Problems.Count > 0)
        {
            text += "; held for " + string.Join(", ", stopLoss.Problems.Select(p => ProblemWords(p.Key) + " at " + Number(p.Value)))
                + " (first at " + Time(stopLoss.FirstProblem!.Value.At) + ": " + stopLoss.FirstProblem.Value.Detail + ")";
        }
        return text;
    }

    private static string FiringText(StopLossBacktest stopLoss, Firing firing) =>
        Time(firing.Start) + "  value " + Value(stopLoss, firing.Value) + "  peak " + Value(stopLoss, firing.Peak) + "  until " + Time(firing.End)
        + "  " + ReportWords.Of(firing.Decision) + "  " + (firing.Incident is { } incident ? "incident " + Number(incident + 1) : "false alarm");

    private static string Detection(StopLossBacktest stopLoss, IncidentDetection detection) =>
        detection.Delay is { } delay
            ? "caught after " + (delay == TimeSpan.Zero ? "0 s" : Invariant.Duration(delay)) + " (at " + Time(detection.DetectedAt!.Value) + ")"
            : "missed" + (detection.Peak is { } peak ? " (the most extreme reading in it was " + Value(stopLoss, peak) + ")" : " (no reading in it)");

    private static string Held(StageBacktest stage) =>
        stage.Gates == 0
            ? "no advance gates (it advances on time alone)"
            : "gates would have held at " + Percent(stage.Held, stage.Evaluations) + " of the evaluations (" + Percent(stage.HeldForNoData, stage.Evaluations) + " for missing data)";

    private static string Percent(long part, long whole) =>
        (whole == 0 ? 0 : 100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    private static string Span(Incident incident) => Time(incident.From) + " to " + Time(incident.To);


    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string FileName(string metric) => new(metric.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_').ToArray());

    private static string ProblemName(ReadingProblem problem) => problem switch
    {
        ReadingProblem.NoData => "noData",
        ReadingProblem.Stale => "stale",
        ReadingProblem.SeveralSeries => "severalSeries",
        _ => "error",
    };

    private static string ProblemWords(ReadingProblem problem) => problem switch
    {
        ReadingProblem.NoData => "no data",
        ReadingProblem.Stale => "stale data",
        ReadingProblem.SeveralSeries => "several series",
        _ => "errors",
    };

}
