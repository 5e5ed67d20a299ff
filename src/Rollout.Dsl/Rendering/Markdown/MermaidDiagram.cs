using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Rollout.Dsl.Text;

namespace Rollout.Dsl.Rendering.Markdown;

/// <summary>
/// The plan as a Mermaid flowchart: stage → gate → next stage, and every stage's way out through the stop-losses.
/// Node ids are generated (s0, g0 …); user text appears only inside quoted, entity-encoded labels.
/// </summary>
internal static class MermaidDiagram
{
    public static void WriteTo(StringBuilder text, RolloutPlan plan)
    {
        text.Append("```mermaid\n");
        text.Append("flowchart TD\n");
        var stages = plan.Stages;
        if (stages.Count == 0)
        {
            Node(text, "s0", "[", "]", "⚠ no stages defined");
        }
        for (var i = 0; i < stages.Count; i++)
        {
            Node(text, StageId(i), "[", "]", StageLines(plan, stages[i]));
            if (i + 1 < stages.Count) Node(text, GateId(i), "{", "}", GateLines(stages[i], stages[i + 1]));
        }
        if (stages.Count > 0) Node(text, "ok", "([", "])", "rollout complete");

        var rollsBack = plan.StopLosses.Any(s => s.Action == StopLossAction.Rollback);
        var halts = plan.StopLosses.Any(s => s.Action == StopLossAction.Halt);
        if (plan.StopLosses.Count == 0) Node(text, "sl", "{{", "}}", "⚠ no stop-loss defined");
        else Node(text, "sl", "{{", "}}", new[] { "stop-loss" }.Concat(plan.StopLosses.Select(StopLossLine)).ToArray());
        if (rollsBack || plan.Rollback.Count > 0) Node(text, "rb", "[[", "]]", RollbackLines(plan));
        if (halts) Node(text, "hl", "[/", "/]", "halt and page the owner");

        for (var i = 0; i < stages.Count; i++)
        {
            if (i + 1 < stages.Count)
            {
                Edge(text, StageId(i), " --> ", GateId(i));
                Edge(text, GateId(i), " -->|pass| ", StageId(i + 1));
            }
            else
            {
                Edge(text, StageId(i), " --> ", "ok");
            }
        }
        if (plan.StopLosses.Count > 0)
        {
            for (var i = 0; i < stages.Count; i++) Edge(text, StageId(i), " -.->|crossed| ", "sl");
            if (rollsBack) Edge(text, "sl", " -->|roll back| ", "rb");
            if (halts) Edge(text, "sl", " -->|halt| ", "hl");
            // Halting is not the end: whoever may trigger a rollback can still take the way back.
            if (halts && plan.Rollback.Count > 0) Edge(text, "hl", " -.->|if needed| ", "rb");
        }
        text.Append("```\n");
    }

    private static string StageId(int index) => "s" + index.ToString(CultureInfo.InvariantCulture);

    private static string GateId(int index) => "g" + index.ToString(CultureInfo.InvariantCulture);

    private static string[] StageLines(RolloutPlan plan, Stage stage)
    {
        var lines = new List<string> { stage.Name };
        var traffic = stage.TrafficPercent is { } percent ? Invariant.Number(percent) + " %" : "⚠ traffic not set";
        lines.Add(stage.Audience is null ? traffic : traffic + " · " + stage.Audience);
        if (plan.PointOfNoReturn is { AfterStage: { } after } && after == stage.Name) lines.Add("⚠ point of no return: repair forward once started");
        return lines.ToArray();
    }

    private static string[] GateLines(Stage stage, Stage next)
    {
        var lines = new List<string>();
        if (stage.Observe is { } observe) lines.Add("watch " + Invariant.Duration(observe));
        lines.AddRange(stage.AdvanceWhen.Select(ConditionText.Describe));
        if (next.After is { } after) lines.Add(MarkdownRunbook.Soak(after));
        if (lines.Count == 0) lines.Add("⚠ no advance condition");
        return lines.ToArray();
    }

    private static string StopLossLine(StopLoss stopLoss) =>
        ConditionText.Describe(stopLoss.When) + " → " + (stopLoss.Action == StopLossAction.Halt ? "halt" : "roll back");

    private static string[] RollbackLines(RolloutPlan plan)
    {
        var lines = new List<string> { "roll back" };
        if (plan.Rollback.Count == 0) lines.Add("⚠ no rollback steps defined");
        for (var i = 0; i < plan.Rollback.Count; i++)
        {
            var step = plan.Rollback[i];
            var line = (i + 1).ToString(CultureInfo.InvariantCulture) + ". " + RunbookWords.Of(step.Kind);
            if (step.When is not null) line += ", if " + step.When;
            line += ": " + (step.Reversible ? RunbookWords.Action(step) : "⛔ " + step.Target);
            if (step.Takes is { } takes) line += " (" + Invariant.Duration(takes) + ")";
            lines.Add(line);
        }
        return lines.ToArray();
    }

    private static void Node(StringBuilder text, string id, string open, string close, params string[] lines)
    {
        text.Append("    ").Append(id).Append(open).Append('"');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0) text.Append("<br/>");
            MermaidText.AppendLabel(text, lines[i]);
        }
        text.Append('"').Append(close).Append('\n');
    }

    private static void Edge(StringBuilder text, string from, string arrow, string to) =>
        text.Append("    ").Append(from).Append(arrow).Append(to).Append('\n');
}
