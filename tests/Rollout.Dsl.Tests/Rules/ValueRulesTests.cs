using System;
using System.Linq;
using Rollout.Dsl.Rules;

namespace Rollout.Dsl.Tests.Rules;

/// <summary>ROLL022: thresholds are finite, rollback steps take a positive time.</summary>
public class ValueRulesTests
{
    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void ROLL022_fails_for_a_stop_loss_that_can_never_fire(double threshold, string shown)
    {
        var plan = PlanRecipe.Baseline(p => p.StopLosses[0] = new StopLoss { When = Signal.ErrorRate.Above(threshold), Action = StopLossAction.Rollback });

        var finding = Assert.Single(plan.Validate());
        Assert.Equal(("ROLL022", RuleSeverity.Error, "stopLoss[0]"), (finding.RuleId, finding.Severity, finding.Path));
        Assert.Contains("'" + PlanRecipe.BaselineId + "'", finding.Message);
        Assert.Contains("error_rate > " + shown + " %", finding.Message);
        Assert.Contains("fires always or never", finding.Message);
    }

    [Fact]
    public void ROLL022_fails_for_a_gate_that_can_never_be_checked()
    {
        var plan = PlanRecipe.Baseline(p => p.Stage("staged").Gates.Add(Signal.Count("ledger_mismatches").AtMost(double.NaN)));

        var finding = Assert.Single(plan.Validate());
        Assert.Equal(("ROLL022", "stages[1].advanceWhen"), (finding.RuleId, finding.Path));
        Assert.Contains("stage 'staged' (#2)", finding.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void ROLL022_fails_for_a_rollback_step_that_takes_no_time(int seconds)
    {
        var plan = PlanRecipe.Baseline(p => p.Rollback[0] = r => r.Config(flag: "LEDGER_V2_ENABLED", takes: TimeSpan.FromSeconds(seconds)));

        var finding = Assert.Single(plan.Validate());
        Assert.Equal(("ROLL022", "rollback[0]"), (finding.RuleId, finding.Path));
        Assert.Contains("rollback step 1 ('LEDGER_V2_ENABLED')", finding.Message);
        Assert.Contains("TimeSpan.FromSeconds(30)", finding.Message);
    }

    [Fact]
    public void ROLL022_passes_for_real_numbers_including_zero_and_negative_thresholds()
    {
        var plan = PlanRecipe.Baseline(p =>
        {
            p.Stage("canary").Gates.Add(Signal.Count("refunds").AtMost(0));
            p.Stage("canary").Gates.Add(Signal.Percent("margin_change").AtLeast(-2.5));
        });

        Assert.DoesNotContain(plan.Validate(), f => f.RuleId == "ROLL022");
    }
}
