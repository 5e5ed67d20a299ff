using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Rollout.Semantics;

namespace Rollout.Export.Tests.Engines;

/// <summary>Compares an engine model's trace with the reference interpreter's: the decisions that move or stop a rollout.</summary>
public static class Traces
{
    /// <summary>The decisions compared: a stage starts, rolls back, halts (a forward fix required is a halt), completes.</summary>
    public static IReadOnlyList<TraceEvent> Decisions(DecisionTrace trace) =>
        trace.Events.Where(e => e.Kind is TraceEventKind.StageStarted or TraceEventKind.RollBack or TraceEventKind.Halt or TraceEventKind.Completed or TraceEventKind.ForwardFixRequired)
            .Select(e => e.Kind == TraceEventKind.ForwardFixRequired ? e with { Kind = TraceEventKind.Halt } : e)
            // One halt a halted stretch: a forward fix required and its halt are one decision.
            .Aggregate(new List<TraceEvent>(), (list, e) =>
            {
                if (!(e.Kind == TraceEventKind.Halt && list.Count > 0 && list[^1].Kind == TraceEventKind.Halt)) list.Add(e);
                return list;
            });

    /// <summary>
    /// Null when the model makes the same decisions in the same order as the reference, each within
    /// <paramref name="tolerance"/> of the reference's time measured from the decision before it; else what differs.
    /// </summary>
    public static string? Difference(DecisionTrace reference, DecisionTrace model, TimeSpan tolerance)
    {
        var expected = Decisions(reference);
        var actual = Decisions(model);
        if (FirstDifference(reference, model, tolerance) is not { } i) return null;
        if (i >= expected.Count) return "the engine also " + Describe(actual[i], model.Start);
        if (i >= actual.Count) return "the engine never " + Describe(expected[i], reference.Start);
        return "reference " + Describe(expected[i], reference.Start) + ", engine " + Describe(actual[i], model.Start)
            + (expected[i].Kind == actual[i].Kind && expected[i].Stage == actual[i].Stage ? " (more than " + tolerance + " apart)" : "");
    }

    /// <summary>The index of the first decision that differs in kind, stage, or time (beyond <paramref name="tolerance"/> from the one before); null when none does.</summary>
    public static int? FirstDifference(DecisionTrace reference, DecisionTrace model, TimeSpan tolerance)
    {
        var expected = Decisions(reference);
        var actual = Decisions(model);
        for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            if (i >= expected.Count || i >= actual.Count) return i;
            if (expected[i].Kind != actual[i].Kind || expected[i].Stage != actual[i].Stage) return i;
            var expectedGap = expected[i].Time - (i == 0 ? reference.Start : expected[i - 1].Time);
            var actualGap = actual[i].Time - (i == 0 ? model.Start : actual[i - 1].Time);
            if ((expectedGap - actualGap).Duration() > tolerance) return i;
        }
        return null;
    }

    public static string Describe(TraceEvent e, DateTimeOffset start) =>
        e.Kind + " " + e.Stage + " at +" + (e.Time - start).TotalMinutes.ToString("0.##", CultureInfo.InvariantCulture) + "m";

    public static string Lines(DecisionTrace trace) => string.Join("\n", trace.Events.Select(e => Describe(e, trace.Start) + " (" + e.Reason + ")"));
}
