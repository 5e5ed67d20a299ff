using System;
using System.Collections.Generic;
using System.Linq;
using CheckoutService.Specs;
using Rollout.Dsl;
using static Rollout.Semantics.Tests.Runs;

namespace Rollout.Semantics.Tests;

/// <summary>
/// The resumable stepper: a release saved after every evaluation and restored from nothing but its
/// <see cref="ReleasePosition"/> decides exactly what one uninterrupted <see cref="Interpreter.Run"/> decides.
/// </summary>
public sealed class ReleaseRunTests
{
    public static TheoryData<string> Scenarios() => new() { "checkout healthy", "checkout breach while held", "dedup approved then forward fix", "dedup breach while waiting", "dedup halted then resumed" };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async System.Threading.Tasks.Task A_release_restored_from_its_position_at_every_tick_decides_what_one_uninterrupted_run_decides(string name)
    {
        var (plan, timeline, until, actions) = Scenario(name);
        var program = ReleaseProgram.Compile(plan);
        var reference = Interpreter.Run(program, timeline, actions, TimelineBuilder.T0, TimelineBuilder.At(until));

        var events = new List<TraceEvent>();
        var run = ReleaseRun.Start(program, TimelineBuilder.T0, out var started);
        events.AddRange(started);
        var pending = new Queue<HumanAction>(actions.OrderBy(a => a.Time));
        var every = plan.StopLossEvaluation.Every;
        for (var tick = TimelineBuilder.T0; tick <= TimelineBuilder.At(until) && !run.Finished; tick += every)
        {
            // Saved and restored between every two evaluations, as a state file does.
            var saved = run.Position with { };
            run = ReleaseRun.Restore(program, saved);
            while (pending.Count > 0 && pending.Peek().Time <= tick && !run.Finished) events.AddRange(await run.ActAsync(pending.Dequeue(), timeline));
            if (!run.Finished) events.AddRange(await run.TickAsync(tick, timeline));
        }

        Assert.True(reference.Events.Count >= 2, "the scenario decides too little to prove anything");
        Assert.Equal(reference.Events.Select(Text), events.Select(Text));
        Assert.Equal(reference.Final, run.State);
    }

    [Fact]
    public void Restore_refuses_a_position_the_program_cannot_have()
    {
        var program = ReleaseProgram.Compile(NewCheckoutFlow.Plan());

        Assert.Throws<ArgumentException>(() => ReleaseRun.Restore(program, new ReleasePosition(ReleaseMode.Running, 7, TimelineBuilder.T0, null, null)));
        Assert.Throws<ArgumentException>(() => ReleaseRun.Restore(program, new ReleasePosition(ReleaseMode.Waiting, 0, TimelineBuilder.T0, 0, null)));
        Assert.Throws<ArgumentException>(() => ReleaseRun.Restore(program, new ReleasePosition(ReleaseMode.Running, 1, null, null, null)));
    }

    [Fact]
    public async System.Threading.Tasks.Task Who_may_approve_follows_where_the_release_is()
    {
        var program = ReleaseProgram.Compile(ContactDeduplication.Plan());
        var run = ReleaseRun.Start(program, TimelineBuilder.T0, out _);
        Assert.Null(run.ApprovalAwaited);

        var healthy = new TimelineBuilder().Value("merge_errors", -60, 0).Value("false_merge_rate", -60, 0.001).Build();
        await run.TickAsync(TimelineBuilder.At(120), healthy);

        Assert.Equal(ReleaseMode.Waiting, run.Position.Mode);
        var awaited = Assert.NotNull(run.ApprovalAwaited);
        Assert.Equal(program.ApproversAt(0).Select(r => r.Name), awaited.Roles.Select(r => r.Name));
        Assert.Contains("start 'half'", awaited.What, StringComparison.Ordinal);
    }

    private static string Text(TraceEvent e) => e.Time.ToString("O") + " " + e.Stage + " " + e.Kind + " " + e.Reason;

    private static (RolloutPlan Plan, MetricTimeline Timeline, double Until, HumanAction[] Actions) Scenario(string name)
    {
        var checkout = new TimelineBuilder().Value("error_rate", -10, 0.02).Value("latency_p99", -10, 190).Value("payment_errors", -10, 0);
        var dedup = new TimelineBuilder().Value("merge_errors", -60, 0).Value("false_merge_rate", -60, 0.001);
        return name switch
        {
            "checkout healthy" => (NewCheckoutFlow.Plan(), checkout.Build(), 2000, []),
            "checkout breach while held" => (NewCheckoutFlow.Plan(), new TimelineBuilder().Value("error_rate", -10, 0.02).Value("latency_p99", -10, 500).Value("payment_errors", -10, 0).Value("latency_p99", 45, 190).Value("error_rate", 200, 0.9).Build(), 600, []),
            "dedup approved then forward fix" => (ContactDeduplication.Plan(), dedup.Value("false_merge_rate", 400, 0.2).Build(), 900, [Action(150, HumanActionKind.Approve, "on-call engineer")]),
            "dedup breach while waiting" => (ContactDeduplication.Plan(), dedup.Value("false_merge_rate", 300, 0.2).Build(), 600, [Action(130, HumanActionKind.Approve, "product")]),
            _ => (ContactDeduplication.Plan(), dedup.Value("merge_errors", 30, 50).Value("merge_errors", 60, 0).Build(), 600, [Action(90, HumanActionKind.Approve, "on-call engineer")]),
        };
    }
}
