using System;
using CheckoutService.Specs;
using static Rollout.Semantics.Tests.Runs;

namespace Rollout.Semantics.Tests;

/// <summary>Who may approve, promote and abort, and what each does.</summary>
public sealed class HumanActionTests
{
    private static MetricTimeline HealthyCheckout() =>
        new TimelineBuilder().Value("error_rate", -10, 0.02).Value("latency_p99", -10, 190).Value("payment_errors", -10, 0).Build();

    private static MetricTimeline HealthyDedup() =>
        new TimelineBuilder().Value("merge_errors", -60, 0).Value("false_merge_rate", -60, 0.001).Build();

    [Fact]
    public void An_override_role_promotes_a_stage_by_hand()
    {
        var trace = Of(NewCheckoutFlow.Plan(), HealthyCheckout(), 60, Action(10, HumanActionKind.Promote, "eng lead"));

        Assert.Equal(new[] { "+0m StageStarted canary", "+10m Approved canary", "+10m StageStarted staged" }, Lines(trace));
        Assert.Equal("promoted by 'eng lead': advance to 'staged' by hand", trace.Events[1].Reason);
    }

    [Fact]
    public void A_role_the_plan_does_not_empower_changes_nothing()
    {
        var trace = Of(NewCheckoutFlow.Plan(), HealthyCheckout(), 20, Action(10, HumanActionKind.Promote, "product"));

        Assert.Equal(new[] { "+0m StageStarted canary", "+10m ActionIgnored canary" }, Lines(trace));
        Assert.Equal("promote by 'product' changes nothing: only 'eng lead' or 'on-call engineer' may advance 'canary' by hand", trace.Events[1].Reason);
    }

    [Fact]
    public void The_wait_before_the_point_of_no_return_ends_only_with_an_empowered_approval()
    {
        var trace = Of(ContactDeduplication.Plan(), HealthyDedup(), 200,
            Action(130, HumanActionKind.Approve, "product"),
            Action(140, HumanActionKind.Approve, "Release Engineer"));

        Assert.Equal(new[]
        {
            "+0m StageStarted pilot", "+120m WaitingForPerson pilot", "+130m ActionIgnored pilot",
            "+140m Approved pilot", "+140m PointOfNoReturnPassed half", "+140m StageStarted half",
        }, Lines(trace));
    }

    [Fact]
    public void An_approval_while_the_stage_is_still_observing_changes_nothing()
    {
        var trace = Of(ContactDeduplication.Plan(), HealthyDedup(), 200, Action(60, HumanActionKind.Approve, "on-call engineer"));

        Assert.Equal("+60m ActionIgnored pilot", Lines(trace)[1]);
        Assert.Equal("+120m WaitingForPerson pilot", Lines(trace)[2]);
        Assert.Equal(Decision.Hold, trace.Final);
    }

    [Fact]
    public void An_abort_before_the_point_of_no_return_rolls_back_and_after_it_fixes_forward()
    {
        var before = Of(ContactDeduplication.Plan(), HealthyDedup(), 200, Action(60, HumanActionKind.Abort, "on-call engineer"));
        var after = Of(ContactDeduplication.Plan(), HealthyDedup(), 400,
            Action(130, HumanActionKind.Approve, "on-call engineer"), Action(200, HumanActionKind.Abort, "on-call engineer"));

        Assert.Equal(new[] { "+0m StageStarted pilot", "+60m RollBack pilot" }, Lines(before));
        Assert.Equal(Decision.RollBack, before.Final);
        Assert.Equal("+200m ForwardFixRequired half", Lines(after)[^1]);
        Never(after, TraceEventKind.RollBack);
        Assert.Equal(Decision.Halt, after.Final);
    }

    [Fact]
    public void A_role_that_may_roll_back_only_on_a_crossed_stop_loss_cannot_abort_for_no_reason()
    {
        var trace = Of(NewCheckoutFlow.Plan(), HealthyCheckout(), 20, Action(5, HumanActionKind.Abort, "release engineer"));

        Assert.Equal("+5m ActionIgnored canary", Lines(trace)[1]);
        Assert.Equal(Decision.Hold, trace.Final);
    }

    [Fact]
    public void An_action_before_the_run_is_reported_not_lost()
    {
        var trace = Of(NewCheckoutFlow.Plan(), HealthyCheckout(), 5, Action(-30, HumanActionKind.Promote, "eng lead"));

        Assert.Equal(new[] { "+0m StageStarted canary", "+0m ActionIgnored canary" }, Lines(trace));
        Assert.Equal("promote by 'eng lead' at 2026-12-06 07:30:00 UTC changes nothing: it is before the run starts", trace.Events[1].Reason);
    }

    [Fact]
    public void A_point_of_no_return_at_the_first_stage_waits_before_anything_starts()
    {
        var plan = DarkModeToggle.Plan() with { PointOfNoReturn = new Rollout.Dsl.PointOfNoReturn { AfterStage = "staff", ForwardFix = "fix forward", Owner = "web" } };
        // The error rate is over the stop-loss before the approval: nothing of the change is live, so nothing acts.
        var timeline = new TimelineBuilder().Value("error_rate", -10, 5).Value("error_rate", 20, 0.1).Build();

        var trace = Of(plan, timeline, 60, Action(30, HumanActionKind.Approve, "on-call engineer"));

        Assert.Equal(new[]
        {
            "+0m WaitingForPerson ", "+30m Approved ", "+30m PointOfNoReturnPassed staff", "+30m StageStarted staff",
            "+45m Advance staff", "+45m StageStarted everyone", "+45m Completed everyone",
        }, Lines(trace));
        Assert.Equal("the point of no return is passed when the rollout starts; waiting for a person in role on-call engineer to approve", trace.Events[0].Reason);
    }
}
