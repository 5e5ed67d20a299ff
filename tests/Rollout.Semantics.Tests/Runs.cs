using System;
using System.Collections.Generic;
using System.Linq;
using Rollout.Dsl;

namespace Rollout.Semantics.Tests;

/// <summary>Runs the interpreter from <see cref="TimelineBuilder.T0"/> and reads its trace.</summary>
public static class Runs
{
    public static DecisionTrace Of(RolloutPlan plan, MetricTimeline timeline, double untilMinutes, params HumanAction[] actions) =>
        Interpreter.Run(ReleaseProgram.Compile(plan), timeline, actions, TimelineBuilder.T0, TimelineBuilder.At(untilMinutes));

    public static HumanAction Action(double minutes, HumanActionKind kind, string role) => new(TimelineBuilder.At(minutes), kind, role);

    /// <summary>"+30m Advance canary" lines: what a reader checks first.</summary>
    public static IReadOnlyList<string> Lines(DecisionTrace trace) =>
        trace.Events.Select(e => "+" + (e.Time - trace.Start).TotalMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture) + "m " + e.Kind + " " + e.Stage).ToList();

    public static TraceEvent Single(DecisionTrace trace, TraceEventKind kind) => Assert.Single(trace.Events, e => e.Kind == kind);

    public static void Never(DecisionTrace trace, params TraceEventKind[] kinds) =>
        Assert.DoesNotContain(trace.Events, e => kinds.Contains(e.Kind));
}
