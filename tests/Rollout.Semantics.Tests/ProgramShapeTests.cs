using System.Linq;
using CheckoutService.Specs;
using Rollout.Dsl;

namespace Rollout.Semantics.Tests;

/// <summary>What the sample plans compile to: steps in order, and which effect each stop-loss has at each step.</summary>
public sealed class ProgramShapeTests
{
    [Fact]
    public void The_checkout_plan_observes_each_stage_and_soaks_a_day_at_staged()
    {
        var program = ReleaseProgram.Compile(NewCheckoutFlow.Plan());

        Assert.Equal(
            new[] { "SetTraffic canary", "Observe canary", "SetTraffic staged", "Observe staged", "Soak staged", "SetTraffic full" },
            program.Steps.Select(s => s.Kind + " " + s.Stage));
        Assert.Null(program.PointOfNoReturnStep);
        Assert.All(program.Watchers, w => Assert.All(w.Effects, e => Assert.Equal(WatcherEffect.RollBack, e)));
        Assert.Equal(System.TimeSpan.FromHours(24), program.RequiredTimeAt(1));
    }

    [Fact]
    public void The_dedup_plan_waits_for_a_person_before_its_point_of_no_return_and_fixes_forward_after_it()
    {
        var program = ReleaseProgram.Compile(ContactDeduplication.Plan());

        Assert.Equal(
            new[] { "SetTraffic pilot", "Observe pilot", "WaitForPerson pilot", "PointOfNoReturn half", "SetTraffic half", "Observe half", "Soak half", "SetTraffic full" },
            program.Steps.Select(s => s.Kind + " " + s.Stage));
        Assert.Equal(3, program.PointOfNoReturnStep);
        var wait = program.Steps[2];
        Assert.Equal("half", wait.NextStage);
        Assert.Equal(new[] { "release engineer", "on-call engineer" }, wait.Approvers.Select(r => r.Name));

        var rollback = program.Watchers.Single(w => w.Action == StopLossAction.Rollback);
        Assert.Equal(new[] { 0, 1, 2 }, rollback.ActsDuring);
        Assert.Equal(new[] { 3, 4, 5, 6, 7 }, rollback.ForwardFixDuring);
        var halt = program.Watchers.Single(w => w.Action == StopLossAction.Halt);
        Assert.All(halt.Effects, e => Assert.Equal(WatcherEffect.Halt, e));
        Assert.Equal(System.TimeSpan.FromMinutes(5), halt.Every);
        Assert.Equal(System.TimeSpan.FromMinutes(30), halt.Window);
    }

    [Fact]
    public void The_dark_mode_plan_has_two_stages_and_no_wait()
    {
        var program = ReleaseProgram.Compile(DarkModeToggle.Plan());

        Assert.Equal(new[] { "SetTraffic staff", "Observe staff", "SetTraffic everyone" }, program.Steps.Select(s => s.Kind + " " + s.Stage));
        Assert.Equal(System.TimeSpan.FromMinutes(15), program.Steps[1].GateWindow);
    }
}
