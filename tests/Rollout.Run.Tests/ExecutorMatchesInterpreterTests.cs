using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CheckoutService.Specs;
using Rollout.Dsl;
using Rollout.Run.Tests.Infrastructure;
using Rollout.Semantics;
using Rollout.Semantics.Tests;

namespace Rollout.Run.Tests;

/// <summary>
/// <c>rollout run</c>'s decisions are the interpreter's: the executor, evaluated at the plan's cadence over a
/// <see cref="MetricTimeline"/> with a new executor (state file and audit log only) at every tick and approvals recorded
/// through <see cref="ApprovalDesk"/>, writes to its audit log exactly the trace <see cref="Interpreter.Run"/> yields, and
/// leaves the flag file at the point where the trace ends.
/// </summary>
public sealed class ExecutorMatchesInterpreterTests
{
    public static TheoryData<string> Scenarios() => new() { "checkout healthy", "checkout breach while a gate holds", "dedup approved then forward fix", "dedup breach while waiting", "checkout data gap" };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task The_audit_log_holds_the_interpreters_trace(string name)
    {
        var (plan, timeline, until, approvals) = Scenario(name);
        var program = ReleaseProgram.Compile(plan);
        var actions = approvals.Select(a => new HumanAction(TimelineBuilder.At(a.Minute), HumanActionKind.Approve, a.Role)).ToArray();
        var reference = Interpreter.Run(program, timeline, actions, TimelineBuilder.T0, TimelineBuilder.At(until));
        using var release = new Release(plan, timeline);

        var every = plan.StopLossEvaluation.Every;
        for (var tick = TimelineBuilder.T0; tick <= TimelineBuilder.At(until); tick += every)
        {
            foreach (var approval in approvals.Where(a => TimelineBuilder.At(a.Minute) == tick)) ApprovalDesk.Record(release.StatePath, plan, approval.Role, "checked", tick);
            var outcome = await release.At(tick);
            if (outcome.Position.Mode is ReleaseMode.RolledBack or ReleaseMode.Completed) break;
        }

        var decisions = release.Audit.Read().Where(e => e.Type == AuditEntry.Decision).Select(e => (e.Time, e.Stage, e.What, e.Why)).ToList();
        Assert.True(reference.Events.Count >= 3, name + ": the scenario decides too little to prove anything");
        Assert.Equal(reference.Events.Select(e => (e.Time, e.Stage, EventNames.Of(e.Kind), e.Reason)), decisions);
        var point = reference.Final == Decision.RollBack ? null : reference.Events.Last(e => e.Kind == TraceEventKind.StageStarted).Stage;
        Assert.Equal(release.FlagAt(point), release.Flag());
        Assert.Equal(reference.Final, (Decision)(release.State().Position!.Mode switch
        {
            ReleaseMode.RolledBack => 20,
            ReleaseMode.Halted => 30,
            ReleaseMode.Completed => 0,
            _ => 10,
        }));
    }

    [Fact]
    public async Task An_approval_names_who_approved_in_the_audit_log()
    {
        var (plan, timeline, _, _) = Scenario("dedup approved then forward fix");
        using var release = new Release(plan, timeline);
        await release.At(TimelineBuilder.T0);
        await release.At(TimelineBuilder.At(120));

        ApprovalDesk.Record(release.StatePath, plan, "On-Call Engineer", "tenant 7 checked by hand", TimelineBuilder.At(150));
        await release.At(TimelineBuilder.At(150));

        var approved = Assert.Single(release.Audit.Read(), e => e.What == "approved");
        Assert.Equal("On-Call Engineer", approved.By);
        Assert.Equal("tenant 7 checked by hand", approved.Note);
        Assert.Equal(release.FlagAt("half"), release.Flag());
        Assert.Equal(TimelineBuilder.At(150), Assert.Single(release.State().Approvals).TakenAt);
    }

    [Fact]
    public async Task A_halted_release_is_resumed_by_an_approval_and_stays_watched_until_then()
    {
        // merge_errors > 10 halts the pilot at +30 min; the errors stop at +60; the on-call engineer resumes it at +90.
        var timeline = new TimelineBuilder().Value("merge_errors", -60, 0).Value("false_merge_rate", -60, 0.001).Value("merge_errors", 30, 50).Value("merge_errors", 60, 0).Build();
        var plan = ContactDeduplication.Plan();
        using var release = new Release(plan, timeline);
        EvaluationOutcome halted = null!;
        for (var minute = 0; minute <= 60; minute += 5) halted = await release.At(TimelineBuilder.At(minute));
        Assert.Equal(ReleaseMode.Halted, halted.Position.Mode);
        Assert.False(halted.Settled); // a rollback stop-loss can still act: the loop keeps watching

        ApprovalDesk.Record(release.StatePath, plan, "on-call engineer", "merge errors were a bad batch, fixed", TimelineBuilder.At(90));
        var resumed = await release.At(TimelineBuilder.At(90));

        Assert.Equal(ReleaseMode.Running, resumed.Position.Mode);
        var approved = Assert.Single(release.Audit.Read(), e => e.What == "approved");
        Assert.Equal("on-call engineer", approved.By);
        Assert.Contains("resumed by 'on-call engineer'", approved.Why, StringComparison.Ordinal);
        Assert.Equal(release.FlagAt("pilot"), release.Flag());
    }

    internal static (RolloutPlan Plan, MetricTimeline Timeline, double Until, (double Minute, string Role)[] Approvals) Scenario(string name)
    {
        var checkout = new TimelineBuilder().Value("error_rate", -10, 0.02).Value("latency_p99", -10, 190).Value("payment_errors", -10, 0);
        var dedup = new TimelineBuilder().Value("merge_errors", -60, 0).Value("false_merge_rate", -60, 0.001);
        return name switch
        {
            "checkout healthy" => (NewCheckoutFlow.Plan(), checkout.Build(), 2000, []),
            "checkout breach while a gate holds" => (NewCheckoutFlow.Plan(), new TimelineBuilder().Value("error_rate", -10, 0.02).Value("latency_p99", -10, 500).Value("payment_errors", -10, 0).Value("latency_p99", 45, 190).Value("error_rate", 200, 0.9).Build(), 600, []),
            "dedup approved then forward fix" => (ContactDeduplication.Plan(), dedup.Value("false_merge_rate", 400, 0.2).Build(), 900, [(150, "on-call engineer")]),
            "dedup breach while waiting" => (ContactDeduplication.Plan(), dedup.Value("false_merge_rate", 300, 0.2).Build(), 600, []),
            _ => (NewCheckoutFlow.Plan(), checkout.Problem("latency_p99", 20, TimelinePointKind.Gap).Value("latency_p99", 50, 190).Build(), 400, []),
        };
    }
}
