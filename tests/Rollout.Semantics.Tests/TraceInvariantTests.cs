using System;
using System.Collections.Generic;
using System.Linq;
using CheckoutService.Specs;
using Rollout.Dsl;

namespace Rollout.Semantics.Tests;

/// <summary>
/// Random timelines and actions on every sample plan; each trace is checked against the rules by re-reading the
/// timeline independently of the interpreter: an automatic advance only with every stop-loss clear and every gate
/// passing (each with a value) after the stage's required time; an automatic rollback only on a crossed rollback
/// stop-loss and never past the point of no return; nothing after a final event.
/// </summary>
public sealed class TraceInvariantTests
{
    private static readonly Func<RolloutPlan>[] Plans = { NewCheckoutFlow.Plan, ContactDeduplication.Plan, DarkModeToggle.Plan };

    private static readonly string[] Roles = { "on-call engineer", "release engineer", "eng lead", "product" };

    [Fact]
    public void Every_trace_of_200_random_runs_keeps_the_rules()
    {
        var seen = new HashSet<TraceEventKind>();
        for (var seed = 1; seed <= 200; seed++)
        {
            var plan = Plans[seed % Plans.Length]();
            var program = ReleaseProgram.Compile(plan);
            var random = new Random(seed);
            var horizon = (program.NominalLength + TimeSpan.FromHours(3)).TotalMinutes;
            var timeline = RandomTimeline(plan, random, horizon);
            var actions = Enumerable.Range(0, random.Next(0, 4))
                .Select(_ => Runs.Action(random.Next(0, (int)horizon), (HumanActionKind)random.Next(0, 3), Roles[random.Next(Roles.Length)]))
                .ToArray();

            var trace = Runs.Of(plan, timeline, horizon, actions);

            var problem = Check(program, timeline, trace);
            seen.UnionWith(trace.Events.Select(e => e.Kind));
            Assert.True(problem is null, "seed " + seed + " (" + plan.Id + "): " + problem + "\n" + string.Join("\n", trace.Events.Select(e => Runs.Lines(trace)[trace.Events.ToList().IndexOf(e)] + ": " + e.Reason)));
        }
        // The runs are not vacuous: every kind of event happened in some of them.
        Assert.Equal(Enum.GetValues<TraceEventKind>().OrderBy(k => k), seen.OrderBy(k => k));
    }

    private static MetricTimeline RandomTimeline(RolloutPlan plan, Random random, double horizon)
    {
        var builder = new TimelineBuilder();
        foreach (var metric in plan.Measurements.Select(m => m.Metric.Name))
        {
            var thresholds = plan.StopLosses.Select(s => s.When).Concat(plan.Stages.SelectMany(s => s.AdvanceWhen)).Where(c => c.Metric.Name == metric).Select(c => c.Threshold).ToList();
            var times = new SortedSet<int> { -60 };
            for (var i = random.Next(0, 8); i > 0; i--) times.Add(random.Next(0, (int)horizon));
            foreach (var minute in times)
            {
                var pick = random.Next(0, 10);
                if (pick == 0) builder.Problem(metric, minute, (TimelinePointKind)random.Next(1, 5));
                else
                {
                    // Mostly healthy (a tenth of the smallest threshold), sometimes just over a threshold.
                    var value = pick < 7 ? thresholds.Min() / 10 : thresholds[random.Next(thresholds.Count)] * (1 + random.NextDouble());
                    builder.Value(metric, minute, value);
                }
            }
        }
        return builder.Build();
    }

    private static string? Check(ReleaseProgram program, MetricTimeline timeline, DecisionTrace trace)
    {
        var plan = program.Plan;
        var stageStart = trace.Start;
        var pastPointOfNoReturn = false;
        var previous = trace.Start;
        for (var i = 0; i < trace.Events.Count; i++)
        {
            var e = trace.Events[i];
            if (e.Time < previous) return "events out of time order at " + TimeText.Of(e.Time);
            previous = e.Time;
            if (i > 0 && trace.Events[i - 1].Kind is TraceEventKind.RollBack or TraceEventKind.Completed) return "an event after the final " + trace.Events[i - 1].Kind;
            var readings = plan.StopLosses.Select(s => (s, r: timeline.Read(s.When.Metric.Name, plan.StopLossEvaluation.Window, e.Time))).ToList();
            switch (e.Kind)
            {
                case TraceEventKind.StageStarted:
                    stageStart = e.Time;
                    break;
                case TraceEventKind.PointOfNoReturnPassed:
                    pastPointOfNoReturn = true;
                    break;
                case TraceEventKind.Advance:
                {
                    var index = program.StageIndexOf(e.Stage);
                    if (e.Time - stageStart < program.RequiredTimeAt(index)) return "advance before the required time at " + TimeText.Of(e.Time);
                    if (readings.Any(x => x.r.Value is not { } v || x.s.When.HoldsFor(v))) return "advance without every stop-loss clear at " + TimeText.Of(e.Time);
                    var window = plan.GateWindowOf(plan.Stages[index]);
                    if (plan.Stages[index].AdvanceWhen.Any(g => timeline.Read(g.Metric.Name, window, e.Time).Value is not { } v || !g.HoldsFor(v))) return "advance without every gate passing at " + TimeText.Of(e.Time);
                    if (program.Steps.Any(s => s.Kind == StepKind.WaitForPerson && s.StageIndex == index)) return "advance past a wait for a person at " + TimeText.Of(e.Time);
                    break;
                }
                case TraceEventKind.RollBack:
                    if (pastPointOfNoReturn) return "rollback past the point of no return at " + TimeText.Of(e.Time);
                    if (!e.Reason.StartsWith("aborted by", StringComparison.Ordinal)
                        && !readings.Any(x => x.s.Action == StopLossAction.Rollback && x.r.Value is { } v && x.s.When.HoldsFor(v))) return "rollback without a crossed rollback stop-loss at " + TimeText.Of(e.Time);
                    break;
                case TraceEventKind.ForwardFixRequired:
                    if (!pastPointOfNoReturn) return "forward fix before the point of no return at " + TimeText.Of(e.Time);
                    break;
            }
        }
        var last = trace.Events.Count == 0 ? null : trace.Events[^1];
        if (trace.Final == Decision.RollBack && last?.Kind != TraceEventKind.RollBack) return "final roll back without a rollback event";
        if (trace.Final == Decision.Advance && last?.Kind != TraceEventKind.Completed) return "final advance without a completed event";
        return null;
    }
}
