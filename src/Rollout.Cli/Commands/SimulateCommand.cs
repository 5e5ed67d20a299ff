using System;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using Rollout.Cli.Hosting;
using Rollout.Cli.Reports;
using Rollout.Cli.Simulation;
using Rollout.Dsl.Rendering.Markdown;
using Rollout.Dsl.Text;
using Rollout.Plans;
using Rollout.Run;
using Rollout.Semantics;

namespace Rollout.Cli.Commands;

/// <summary>
/// <c>rollout simulate &lt;plan.json&gt; --timeline FILE [--actions FILE]</c>: runs the reference interpreter over a
/// metric timeline and people's actions and prints the decision trace; exits with the final state's gate code.
/// </summary>
internal static class SimulateCommand
{
    public static Command Create()
    {
        var plan = PathArgument.One("plan", "The <plan-id>.plan.json file.");
        var timeline = new Option<string>("--timeline") { Description = "Metric values over time: CSV (time,metric,value[,detail]) or JSON (schemas/rollout-timeline.v1.schema.json).", Required = true };
        var actions = new Option<string?>("--actions") { Description = "People's actions: CSV (time,action,role) or JSON; action is approve, promote or abort. A JSON timeline may hold them too." };
        var start = new Option<string?>("--start") { Description = "When the first stage starts (ISO 8601, e.g. 2026-12-06T08:00:00Z). Default: the timeline's \"start\", else its earliest absolute time, else 1970-01-01T00:00:00Z." };
        var until = new Option<string?>("--until") { Description = "When the run ends: a time or an offset from the start (+2d). Default: the plan's shortest run or the last time in the files, whichever is later." };
        var format = new FormatOption();
        var command = new Command("simulate",
            "Run the plan over a metric timeline (and people's actions) with the reference interpreter and print what happens when: stage started, advance, hold, "
            + "roll back, halt, waiting for a person, approved, point of no return passed, forward fix required, completed.\n"
            + "Times in the files are ISO 8601 or offsets from the start (+30m, -10m, +1d2h). docs/semantics.md states the rules.\n"
            + "Exit codes: the final state's gate code: 0 completed, 10 still observing, holding or waiting for a person, 20 rolled back, 30 halted (forward fix required included); "
            + "2 unusable input (the message says file:line or file: JSON path).\n"
            + "Example: rollout simulate rollout/new-checkout-flow.plan.json --timeline burn-at-40m.csv")
        {
            plan, timeline, actions, start, until, format,
        };
        return command.WithAction(context =>
        {
            var loaded = PlanFiles.Load(context.Get(plan));
            var startAt = Start(context.Get(start));
            var untilAt = Until(context.Get(until));
            var input = SimulationFiles.Load(context.Get(timeline), context.Get(actions));
            var program = ReleaseProgram.Compile(loaded.Plan);
            if (program.Plan.Stages.Count == 0) throw new UserError(context.Get(plan) + ": plan '" + loaded.Plan.Id + "' has no stages: there is nothing to simulate.");
            var setup = SimulationFiles.Resolve(input, program, startAt, untilAt);
            var trace = Interpreter.Run(program, setup.Timeline, setup.Actions, setup.Start, setup.Until);
            ReportOutput.Write(context, new TraceReport(trace, program.Plan.StopLossEvaluation.Every), format.Read(context));
            return trace.ExitCode;
        });
    }

    private static DateTimeOffset? Start(string? text)
    {
        if (text is null) return null;
        if (TimeRef.TryParse(text, out var time) && time.Absolute is { } absolute) return absolute;
        throw new UserError("--start: '" + text + "' is not a time; write ISO 8601 with its zone, such as 2026-12-06T08:00:00Z.");
    }

    private static TimeRef? Until(string? text)
    {
        if (text is null) return null;
        if (TimeRef.TryParse(text, out var time)) return time;
        throw new UserError("--until: '" + text + "' is not " + TimeRef.Expected + ".");
    }

    private sealed class TraceReport : IReport
    {
        private readonly DecisionTrace _trace;
        private readonly TimeSpan _every;

        public TraceReport(DecisionTrace trace, TimeSpan every)
        {
            _trace = trace;
            _every = every;
        }

        public void WriteText(TextWriter output)
        {
            output.Write(MarkdownText.OneLine("rollout simulate: plan " + _trace.PlanId + ", " + Time(_trace.Start) + " to " + Time(_trace.Until) + ", stop-losses every " + Invariant.Duration(_every)) + "\n");
            foreach (var e in _trace.Events)
            {
                output.Write(MarkdownText.OneLine(Offset(e.Time).PadRight(14) + Time(e.Time) + "  " + (e.Stage.Length == 0 ? "-" : e.Stage) + "  " + Word(e.Kind) + ": " + e.Reason) + "\n");
            }
            output.Write(MarkdownText.OneLine(Final()) + "\n");
        }

        public void WriteMarkdown(TextWriter output)
        {
            var text = new StringBuilder("### rollout simulate: ").Append(MarkdownText.Escape(_trace.PlanId)).Append("\n\n")
                .Append("**").Append(MarkdownText.Escape(Final())).Append("**\n\n");
            var table = new MarkdownTable("after", "time", "stage", "event", "reason");
            foreach (var e in _trace.Events)
            {
                table.Row(MarkdownText.Escape(Offset(e.Time)), MarkdownText.Escape(Time(e.Time)), MarkdownText.Escape(e.Stage.Length == 0 ? "-" : e.Stage), Word(e.Kind), MarkdownText.Escape(e.Reason));
            }
            if (_trace.Events.Count > 0) table.WriteTo(text);
            text.Append("\nFrom ").Append(Time(_trace.Start)).Append(" to ").Append(Time(_trace.Until)).Append(", stop-losses every ").Append(Invariant.Duration(_every)).Append(".\n");
            output.Write(text.ToString());
        }

        public void WriteJson(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("plan", _trace.PlanId);
            json.WriteString("start", ReportWords.Iso(_trace.Start));
            json.WriteString("until", ReportWords.Iso(_trace.Until));
            json.WriteString("every", Invariant.Iso8601(_every));
            json.WriteString("final", Word(_trace.Final));
            json.WriteNumber("exitCode", _trace.ExitCode);
            json.WriteString("finalStage", _trace.FinalStage);
            json.WriteStartArray("events");
            foreach (var e in _trace.Events)
            {
                json.WriteStartObject();
                json.WriteString("time", ReportWords.Iso(e.Time));
                json.WriteString("offset", Invariant.Iso8601(e.Time - _trace.Start));
                json.WriteString("stage", e.Stage);
                json.WriteString("event", EventNames.Of(e.Kind));
                json.WriteString("reason", e.Reason);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }

        private string Final() =>
            "final: " + Word(_trace.Final) + " (exit " + _trace.ExitCode.ToString(CultureInfo.InvariantCulture) + ") at stage " + (_trace.FinalStage.Length == 0 ? "-" : _trace.FinalStage);

        private string Offset(DateTimeOffset time)
        {
            var offset = time - _trace.Start;
            return (offset < TimeSpan.Zero ? "-" : "+") + Invariant.Duration(offset.Duration());
        }

        private static string Time(DateTimeOffset time) => TimeText.Of(time);


        private static string Word(Decision decision) => decision switch
        {
            Decision.Advance => "completed",
            Decision.Hold => "still holding",
            Decision.RollBack => "rolled back",
            _ => "halted",
        };

        private static string Word(TraceEventKind kind) => kind switch
        {
            TraceEventKind.StageStarted => "stage started",
            TraceEventKind.Advance => "advance",
            TraceEventKind.Hold => "hold",
            TraceEventKind.RollBack => "roll back",
            TraceEventKind.Halt => "halt",
            TraceEventKind.WaitingForPerson => "waiting for a person",
            TraceEventKind.Approved => "approved",
            TraceEventKind.PointOfNoReturnPassed => "point of no return passed",
            TraceEventKind.ForwardFixRequired => "forward fix required",
            TraceEventKind.Completed => "completed",
            _ => "action ignored",
        };
    }
}
