using System;
using System.Linq;
using Rollout.Dsl.Dialects;
using Rollout.Dsl.Rules;
using static Rollout.Dsl.Tests.Rules.RuleAssert;

namespace Rollout.Dsl.Tests.Rules;

public class MeasurementRulesTests
{
    [Fact]
    public void ROLL024_reports_an_unmeasured_metric_once_at_its_first_use()
    {
        // error_rate gates both stages and is a stop-loss: one finding, at the canary gate.
        var finding = Only(PlanRecipe.Baseline(p => p.Measurements.RemoveAt(0)), "ROLL024", "stages[0].advanceWhen[0]");
        Says(finding, "metric 'error_rate'", "stage 'canary' (#1)", ".Measure(", "percent", "[$window]");
    }

    [Fact]
    public void ROLL024_reports_a_metric_used_only_by_a_stop_loss_at_that_stop_loss()
    {
        var finding = Only(PlanRecipe.Baseline(p => p.StopLosses.Add(new StopLoss { When = Signal.Count("refund_failures").Above(3), Action = StopLossAction.Halt })), "ROLL024", "stopLoss[2].when");
        Says(finding, "metric 'refund_failures'", "stop-loss #3", "a count");
    }

    [Fact]
    public void ROLL024_is_a_warning()
    {
        Assert.Equal(RuleSeverity.Warning, Rule("ROLL024").DefaultSeverity);
    }

    [Fact]
    public void A_measurement_serves_gates_and_stop_losses_with_their_own_windows()
    {
        var plan = PlanRecipe.Baseline();
        var errorRate = plan.MeasurementOf(Signal.ErrorRate)!;
        Assert.Equal(TimeSpan.FromMinutes(30), plan.GateWindowOf(plan.Stages[0]));
        Assert.Equal("100 * sum(rate(ledger_requests_failed_total[4h])) / sum(rate(ledger_requests_total[4h]))", PrometheusDialect.QueryOver(errorRate, plan.GateWindowOf(plan.Stages[1])));
        Assert.Equal(StopLossEvaluation.Default, plan.StopLossEvaluation);
        Assert.Equal("100 * sum(rate(ledger_requests_failed_total[5m])) / sum(rate(ledger_requests_total[5m]))", PrometheusDialect.QueryOver(errorRate, plan.StopLossEvaluation.Window));
    }

    [Fact]
    public void The_stop_loss_evaluation_can_be_set_and_must_be_positive()
    {
        var plan = RolloutPlan.Create("x").EvaluateStopLosses(every: TimeSpan.FromSeconds(30), window: TimeSpan.FromMinutes(2)).Build();
        Assert.Equal(new StopLossEvaluation { Every = TimeSpan.FromSeconds(30), Window = TimeSpan.FromMinutes(2) }, plan.StopLossEvaluation);
        Assert.Throws<ArgumentOutOfRangeException>(() => RolloutPlan.Create("x").EvaluateStopLosses(TimeSpan.Zero, TimeSpan.FromMinutes(5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => RolloutPlan.Create("x").EvaluateStopLosses(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(-5)));
        Assert.Throws<ArgumentException>(() => RolloutPlan.Create("x").Measure(Signal.ErrorRate, "  "));
    }

    [Theory]
    [InlineData(30 * 60, "30m")]
    [InlineData(4 * 3600, "4h")]
    [InlineData(24 * 3600, "24h")]
    [InlineData(90, "1m30s")]
    [InlineData(5400.25, "1h30m250ms")]
    [InlineData(0, "0s")]
    public void Windows_are_written_as_Prometheus_durations(double seconds, string expected)
    {
        Assert.Equal(expected, PrometheusDialect.Duration(TimeSpan.FromSeconds(seconds)));
        Assert.Equal("rate(x[" + expected + "])", PrometheusDialect.QueryOver(new Measurement { Metric = Signal.ErrorRate, Query = "rate(x[$window])" }, TimeSpan.FromSeconds(seconds)));
    }
}
