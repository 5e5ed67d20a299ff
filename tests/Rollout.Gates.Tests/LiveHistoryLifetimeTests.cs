using System;
using System.Linq;
using System.Threading.Tasks;
using CheckoutService.Specs;
using Rollout.Gates.Tests.Infrastructure;
using Rollout.Semantics;

namespace Rollout.Gates.Tests;

/// <summary>
/// The live history stays true for a whole test run, however long the machine took to get there (a slow
/// install, a busy CI): evaluated as if the run had reached this test 90 minutes after the fixture started,
/// every service still reads as at the start. Before, the history ended at fixture creation and the 5-minute
/// stop-loss windows ran empty a few minutes later.
/// </summary>
[Collection(LivePrometheusCollection.Name)]
public sealed class LiveHistoryLifetimeTests
{
    private static readonly TimeSpan Later = TimeSpan.FromMinutes(90);

    private readonly LivePrometheus _live;

    public LiveHistoryLifetimeTests(LivePrometheus live) => _live = live;

    [Fact]
    public void The_history_reaches_further_than_the_evaluation_below()
    {
        Assert.True(History.Ahead > Later + TimeSpan.FromMinutes(10), "History.Ahead must cover the shifted evaluation with room to spare");
    }

    [Fact]
    public async Task Ninety_minutes_later_a_healthy_service_still_advances_with_the_same_values()
    {
        var result = await Evaluate(NewCheckoutFlow.Plan(), "staged");

        Assert.Equal(Decision.Advance, result.Decision);
        Assert.All(result.Checks, c => Assert.NotNull(c.Observed));
        Assert.InRange(result.Checks.First(c => c.Kind == CheckKind.AdvanceGate).Observed!.Value, 0.019, 0.021);
    }

    [Fact]
    public async Task Ninety_minutes_later_a_burning_service_still_rolls_back()
    {
        var result = await Evaluate(LivePrometheus.CheckoutPlanFor("burning"), "canary");

        Assert.Equal(Decision.RollBack, result.Decision);
        Assert.InRange(result.Checks[0].Observed!.Value, 2.5, 3.1);
    }

    private Task<GateResult> Evaluate(Rollout.Dsl.RolloutPlan plan, string stage) =>
        new GateEvaluator(LivePrometheus.Http, _live.Server.Address, LivePrometheus.Options with { Time = new ShiftedTime(Later) })
            .EvaluateAsync(plan, stage);

    /// <summary>The system clock, moved by a fixed amount.</summary>
    private sealed class ShiftedTime : TimeProvider
    {
        private readonly TimeSpan _shift;

        public ShiftedTime(TimeSpan shift) => _shift = shift;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _shift;
    }
}
