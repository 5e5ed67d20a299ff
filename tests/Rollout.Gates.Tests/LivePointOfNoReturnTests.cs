using System;
using System.Threading.Tasks;
using Rollout.Dsl;
using Rollout.Gates.Tests.Infrastructure;
using Rollout.Semantics;

namespace Rollout.Gates.Tests;

/// <summary>
/// Issue 18 item 8 against the real Prometheus: the burning service's crossed rollback stop-loss is a rollback
/// before the plan's point of no return and a halt naming the forward fix at or past it.
/// </summary>
[Collection(LivePrometheusCollection.Name)]
public sealed class LivePointOfNoReturnTests
{
    private readonly LivePrometheus _live;

    public LivePointOfNoReturnTests(LivePrometheus live) => _live = live;

    private static RolloutPlan BurningWithPointOfNoReturnAt(string stage) =>
        LivePrometheus.CheckoutPlanFor("burning") with
        {
            PointOfNoReturn = new PointOfNoReturn { AfterStage = stage, ForwardFix = "ship the fix behind the flag", Owner = "payments on-call" },
        };

    [Fact]
    public async Task Past_the_point_of_no_return_a_crossed_rollback_stop_loss_halts_and_names_the_forward_fix()
    {
        var result = await _live.Evaluate(BurningWithPointOfNoReturnAt("canary"), "canary");

        Assert.Equal(Decision.Halt, result.Decision);
        Assert.Equal(30, result.ExitCode);
        Assert.Equal(Verdict.Crossed, result.Checks[0].Verdict);
        Assert.StartsWith("stop-loss crossed: error_rate > 0.5 %", result.Reason, StringComparison.Ordinal);
        Assert.EndsWith("halt and fix forward: ship the fix behind the flag (owner: payments on-call)", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_the_point_of_no_return_the_same_crossing_rolls_back()
    {
        var result = await _live.Evaluate(BurningWithPointOfNoReturnAt("staged"), "canary");

        Assert.Equal(Decision.RollBack, result.Decision);
        Assert.Equal(20, result.ExitCode);
    }
}
