using System;
using System.Collections.Generic;
using System.Linq;
using Rollout.Dsl;
using Rollout.Export.Tests.Infrastructure;
using Rollout.Semantics;

namespace Rollout.Export.Tests.Engines;

/// <summary>One run to compare: a timeline, the people's actions and how long to run.</summary>
public sealed record Scenario(string Name, MetricTimeline Timeline, IReadOnlyList<HumanAction> Actions, DateTimeOffset Until);

/// <summary>
/// The timelines every plan is run over: healthy; a breach during observation, during a held gate, while waiting for a
/// person before the point of no return, after it; a data gap; Prometheus errors for N minutes; stale data; a flapping
/// metric. Breaches are placed from the reference trace of the healthy run (when each stage starts, when a person is
/// asked); a person approves 30 minutes after being asked.
/// </summary>
public static class Scenarios
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    public static readonly string[] Kinds =
    {
        "healthy", "breach during observation", "breach during a held gate", "breach while waiting for a person",
        "breach after the point of no return", "data gap", "prometheus errors", "stale data", "flapping metric",
    };

    /// <summary>The scenarios that apply to <paramref name="plan"/> (a plan without a point of no return has no breach around it).</summary>
    public static IEnumerable<Scenario> For(RolloutPlan plan, int seed)
    {
        var program = ReleaseProgram.Compile(plan);
        var until = T0 + TimeSpan.FromTicks(program.NominalLength.Ticks * 2) + TimeSpan.FromHours(8);
        var healthy = Values(plan);
        var (healthyRun, _) = Reference(program, Timeline(plan, healthy, _ => { }), until);
        var starts = healthyRun.Events.Where(e => e.Kind == TraceEventKind.StageStarted).ToList();
        var random = new Random(seed);
        var rollbackStopLoss = plan.StopLosses.FirstOrDefault(s => s.Action == StopLossAction.Rollback);
        var first = plan.Stages[0];
        var firstWindow = plan.GateWindowOf(first);
        var gated = plan.Stages.Select((s, i) => (s, i)).Where(x => x.s.AdvanceWhen.Count > 0).Select(x => (Stage: x.s, Index: x.i)).ToList();

        yield return Build("healthy", plan, program, healthy, _ => { }, until);

        if (rollbackStopLoss is not null && starts.Count > 0)
        {
            var k = random.Next(starts.Count);
            var at = starts[k].Time + TimeSpan.FromMinutes(3 + random.Next(5));
            yield return Build("breach during observation", plan, program, healthy, t => t.Value(rollbackStopLoss.When.Metric.Name, at, Crossing(rollbackStopLoss.When)), until);
        }

        if (rollbackStopLoss is not null && gated.Count > 0)
        {
            var (stage, index) = gated[random.Next(gated.Count)];
            var gate = stage.AdvanceWhen[0];
            if (index < starts.Count && FailingGate(plan, gate) is { } failing)
            {
                var start = starts[index].Time;
                var breach = start + plan.GateWindowOf(stage) + TimeSpan.FromMinutes(5 + random.Next(20));
                yield return Build("breach during a held gate", plan, program, healthy, t =>
                {
                    t.Value(gate.Metric.Name, start, failing);
                    t.Value(rollbackStopLoss.When.Metric.Name, breach, Crossing(rollbackStopLoss.When));
                }, until);
            }
        }

        var waiting = healthyRun.Events.FirstOrDefault(e => e.Kind == TraceEventKind.WaitingForPerson);
        if (rollbackStopLoss is not null && waiting is not null && program.PointOfNoReturnStage is not null)
        {
            var at = waiting.Time + TimeSpan.FromMinutes(5 + random.Next(20));
            yield return Build("breach while waiting for a person", plan, program, healthy, t => t.Value(rollbackStopLoss.When.Metric.Name, at, Crossing(rollbackStopLoss.When)), until);
        }

        var pointStart = healthyRun.Events.FirstOrDefault(e => e.Kind == TraceEventKind.PointOfNoReturnPassed);
        if (rollbackStopLoss is not null && pointStart is not null)
        {
            var at = pointStart.Time + TimeSpan.FromMinutes(5 + random.Next(10));
            yield return Build("breach after the point of no return", plan, program, healthy, t => t.Value(rollbackStopLoss.When.Metric.Name, at, Crossing(rollbackStopLoss.When)), until);
        }

        if (first.AdvanceWhen.Count > 0)
        {
            var metric = first.AdvanceWhen[0].Metric.Name;
            var from = T0 + firstWindow - TimeSpan.FromMinutes(5);
            var minutes = 10 + random.Next(20);
            yield return Build("data gap", plan, program, healthy, t => t.Problem(metric, from, TimelinePointKind.Gap).Value(metric, from + TimeSpan.FromMinutes(minutes), healthy[metric]), until);
            yield return Build("prometheus errors", plan, program, healthy, t => t.Problem(metric, from, TimelinePointKind.Error).Value(metric, from + TimeSpan.FromMinutes(minutes), healthy[metric]), until);
            yield return Build("stale data", plan, program, healthy, t => t.Problem(metric, from, TimelinePointKind.Stale).Value(metric, from + TimeSpan.FromMinutes(minutes), healthy[metric]), until);
        }

        if (rollbackStopLoss is not null)
        {
            var metric = rollbackStopLoss.When.Metric.Name;
            var every = 2 + random.Next(4);
            yield return Build("flapping metric", plan, program, healthy, t =>
            {
                for (var m = 5; m < 5 + every * 6; m += every)
                    t.Value(metric, T0 + TimeSpan.FromMinutes(m), (m / every) % 2 == 0 ? healthy[metric] : Crossing(rollbackStopLoss.When));
                t.Value(metric, T0 + TimeSpan.FromMinutes(5 + every * 6), healthy[metric]);
            }, until);
        }
    }

    /// <summary>The reference trace, with a person (an empowered role) approving 30 minutes after each wait begins.</summary>
    public static (DecisionTrace Trace, IReadOnlyList<HumanAction> Actions) Reference(ReleaseProgram program, MetricTimeline timeline, DateTimeOffset until)
    {
        var actions = new List<HumanAction>();
        var trace = Interpreter.Run(program, timeline, actions, T0, until);
        for (var round = 0; round < 8; round++)
        {
            var waits = trace.Events.Where(e => e.Kind == TraceEventKind.WaitingForPerson).ToList();
            var unanswered = waits.FirstOrDefault(w => !actions.Any(a => a.Time > w.Time && a.Time <= w.Time + TimeSpan.FromMinutes(30)));
            if (unanswered is null) break;
            var role = program.ApproversAt(program.Plan.Stages.Select(s => s.Name).ToList().IndexOf(unanswered.Stage)).FirstOrDefault()?.Name ?? "on-call engineer";
            actions.Add(new HumanAction(unanswered.Time + TimeSpan.FromMinutes(30), HumanActionKind.Approve, role));
            trace = Interpreter.Run(program, timeline, actions, T0, until);
        }
        return (trace, actions);
    }

    private static Scenario Build(string name, RolloutPlan plan, ReleaseProgram program, IReadOnlyDictionary<string, double> healthy, Action<Points> change, DateTimeOffset until)
    {
        var timeline = Timeline(plan, healthy, change);
        var (_, actions) = Reference(program, timeline, until);
        return new Scenario(name, timeline, actions, until);
    }

    private static MetricTimeline Timeline(RolloutPlan plan, IReadOnlyDictionary<string, double> healthy, Action<Points> change)
    {
        var points = new Points();
        foreach (var (metric, value) in healthy) points.Value(metric, T0 - TimeSpan.FromDays(2), value);
        change(points);
        return new MetricTimeline(points.All);
    }

    /// <summary>For every metric a value that passes all its gates and crosses none of its stop-losses.</summary>
    public static IReadOnlyDictionary<string, double> Values(RolloutPlan plan)
    {
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var metric in ExportSamples.MetricsOf(plan))
        {
            var gates = plan.Stages.SelectMany(s => s.AdvanceWhen).Where(c => c.Metric.Name == metric.Name).ToList();
            var stopLosses = plan.StopLosses.Where(s => s.When.Metric.Name == metric.Name).Select(s => s.When).ToList();
            var thresholds = gates.Concat(stopLosses).Select(c => c.Threshold).Distinct().OrderBy(t => t).ToList();
            var candidates = new List<double>();
            candidates.AddRange(thresholds.Zip(thresholds.Skip(1), (a, b) => (a + b) / 2));
            candidates.AddRange(thresholds.SelectMany(t => new[] { t, t / 2, t + 0.01, t - 0.01, t * 2 + 1, t / 2 - 1 }));
            candidates.Add(0);
            values[metric.Name] = candidates.First(v => gates.All(g => Holds(g, v)) && stopLosses.All(s => !Holds(s, v)));
        }
        return values;
    }

    /// <summary>A value that crosses <paramref name="stopLoss"/>.</summary>
    public static double Crossing(Condition stopLoss) =>
        stopLoss.Comparison is Comparison.Above or Comparison.AtLeast ? stopLoss.Threshold * 2 + 1 : stopLoss.Threshold / 2 - 1;

    // A value that fails the gate but crosses no stop-loss on its metric.
    private static double? FailingGate(RolloutPlan plan, Condition gate)
    {
        var stopLosses = plan.StopLosses.Where(s => s.When.Metric.Name == gate.Metric.Name).Select(s => s.When).ToList();
        var candidates = stopLosses.Select(s => (s.Threshold + gate.Threshold) / 2).Concat(new[] { gate.Threshold + 0.01, gate.Threshold - 0.01, gate.Threshold * 2 + 1, gate.Threshold / 2 - 1 });
        foreach (var value in candidates)
        {
            if (!Holds(gate, value) && stopLosses.All(s => !Holds(s, value))) return value;
        }
        return null;
    }

    private static bool Holds(Condition condition, double value) => condition.Comparison switch
    {
        Comparison.Below => value < condition.Threshold,
        Comparison.AtMost => value <= condition.Threshold,
        Comparison.Above => value > condition.Threshold,
        _ => value >= condition.Threshold,
    };

    /// <summary>Timeline points under construction.</summary>
    public sealed class Points
    {
        public List<KeyValuePair<string, TimelinePoint>> All { get; } = new();

        public Points Value(string metric, DateTimeOffset at, double value)
        {
            All.Add(new(metric, TimelinePoint.Of(at, value)));
            return this;
        }

        public Points Problem(string metric, DateTimeOffset at, TimelinePointKind kind)
        {
            All.Add(new(metric, new TimelinePoint(at, kind)));
            return this;
        }
    }
}
