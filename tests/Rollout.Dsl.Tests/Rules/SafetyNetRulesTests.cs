using System;
using Rollout.Dsl.Rules;
using static Rollout.Dsl.Tests.Rules.RuleAssert;

namespace Rollout.Dsl.Tests.Rules;

/// <summary>ROLL001 stop-loss, ROLL002 rollback, ROLL003 authority, ROLL010 stop-loss vs gates.</summary>
public class SafetyNetRulesTests
{
    [Fact]
    public void Baseline_is_ready() => Ready(PlanRecipe.Baseline());

    [Fact]
    public void ROLL001_passes_with_a_single_stop_loss()
    {
        Ready(PlanRecipe.Baseline(p =>
        {
            p.StopLosses.RemoveAt(1);
        }));
    }

    [Fact]
    public void ROLL001_fails_without_any_stop_loss()
    {
        var finding = Only(PlanRecipe.Baseline(p => p.StopLosses.Clear()), "ROLL001", "stopLoss");
        Assert.Equal(RuleSeverity.Error, finding.Severity);
        Says(finding, "no stop-loss", ".StopLoss(", "StopLossAction.Rollback");
    }

    [Fact]
    public void ROLL002_passes_with_only_a_config_rollback_when_nothing_persistent_is_touched()
    {
        Ready(PlanRecipe.Baseline(p =>
        {
            p.Touches.Remove(Surface.PersistentData);
            p.Touches.Remove(Surface.DatabaseSchema);
            p.HasPointOfNoReturn = false;
            p.Rollback.RemoveRange(1, 3);
        }));
    }

    [Fact]
    public void ROLL002_fails_without_a_rollback_definition()
    {
        var finding = Only(PlanRecipe.Baseline(p =>
        {
            p.Touches.Remove(Surface.PersistentData);
            p.Rollback.Clear();
        }), "ROLL002", "rollback");
        Assert.Equal(RuleSeverity.Error, finding.Severity);
        Says(finding, "no rollback definition", ".Rollback(r =>", "r.Config(");
    }

    [Fact]
    public void ROLL002_and_ROLL013_both_fire_when_a_data_writing_plan_has_no_rollback_and_no_forward_fix()
    {
        Exactly(PlanRecipe.Baseline(p =>
        {
            p.Rollback.Clear();
            p.ForwardFix = null;
        }), "ROLL002 @ rollback", "ROLL013 @ rollback", "ROLL018 @ pointOfNoReturn.forwardFix");
    }

    [Fact]
    public void ROLL003_fails_without_authority_rules()
    {
        var finding = Only(PlanRecipe.Baseline(p => p.HasAuthority = false), "ROLL003", "authority");
        Assert.Equal(RuleSeverity.Error, finding.Severity);
        Says(finding, "no authority rules", ".Authority(a => a.MayTrigger(", ".Announce(");
    }

    [Fact]
    public void ROLL003_does_not_fire_for_an_empty_authority_block_but_ROLL015_and_ROLL021_do()
    {
        Exactly(PlanRecipe.Baseline(p =>
        {
            p.Triggers.Clear();
            p.Announce = null;
            p.Informed.Clear();
        }), "ROLL015 @ authority.announce", "ROLL021 @ authority.mayTrigger");
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.1000001)]
    public void ROLL010_passes_when_the_stop_loss_is_beyond_the_gate(double threshold)
    {
        Ready(PlanRecipe.Baseline(p => p.StopLosses[0] = new StopLoss { When = Signal.ErrorRate.Above(threshold), Action = StopLossAction.Rollback }));
    }

    [Fact]
    public void ROLL010_passes_when_stop_loss_AtLeast_touches_a_strict_Below_gate()
    {
        // Gate: < 0.1 ; stop-loss: >= 0.1. No value satisfies both.
        Ready(PlanRecipe.Baseline(p => p.StopLosses[0] = new StopLoss { When = Signal.ErrorRate.AtLeast(0.1), Action = StopLossAction.Rollback }));
    }

    [Fact]
    public void ROLL010_passes_when_stop_loss_Above_touches_an_inclusive_AtMost_gate()
    {
        // Gate: ledger_mismatches <= 0 ; stop-loss: > 0.
        Ready(PlanRecipe.Baseline(p => p.StopLosses[1] = new StopLoss { When = Signal.Count("ledger_mismatches").Above(0), Action = StopLossAction.Halt }));
    }

    [Fact]
    public void ROLL010_fails_when_stop_loss_AtLeast_shares_the_point_of_an_AtMost_gate()
    {
        var plan = PlanRecipe.Baseline(p =>
        {
            foreach (var stage in p.Stages) stage.Gates.Clear();
            p.Stage("canary").Gates.Add(Signal.ErrorRate.AtMost(0.1));
            p.Stage("staged").Gates.Add(Signal.ErrorRate.AtMost(0.1));
            p.StopLosses[0] = new StopLoss { When = Signal.ErrorRate.AtLeast(0.1), Action = StopLossAction.Rollback };
        });
        var finding = Only(plan, "ROLL010", "stopLoss[0]");
        Says(finding, "error_rate >= 0.1 %", "error_rate <= 0.1 %", "stage 'canary' (#1)", "beyond the gate");
    }

    [Fact]
    public void ROLL010_fails_when_the_stop_loss_fires_inside_the_gate_and_reports_the_first_stage_only()
    {
        var plan = PlanRecipe.Baseline(p => p.StopLosses[0] = new StopLoss { When = Signal.ErrorRate.Above(0.05), Action = StopLossAction.Rollback });
        var finding = Only(plan, "ROLL010", "stopLoss[0]");
        Says(finding, "error_rate > 0.05 %", "error_rate < 0.1 %", "'canary'");
    }

    [Fact]
    public void ROLL010_points_at_the_second_stop_loss_when_that_one_conflicts()
    {
        var plan = PlanRecipe.Baseline(p => p.StopLosses[1] = new StopLoss { When = Signal.Count("ledger_mismatches").AtLeast(0), Action = StopLossAction.Halt });
        var finding = Only(plan, "ROLL010", "stopLoss[1]");
        Says(finding, "ledger_mismatches >= 0", "ledger_mismatches <= 0", "stage 'staged' (#2)");
    }

    [Fact]
    public void ROLL010_never_compares_a_stop_loss_with_a_gate_on_another_metric()
    {
        // error_rate < 0.1 gates; a latency stop-loss far inside any error-rate range must not conflict.
        Ready(PlanRecipe.Baseline(p =>
        {
            p.StopLosses[0] = new StopLoss { When = Signal.LatencyP95.Above(0.05), Action = StopLossAction.Rollback };
            p.Measurements.Add(new Measurement { Metric = Signal.LatencyP95, Query = "1000 * histogram_quantile(0.95, sum by (le) (rate(ledger_request_seconds_bucket[$window])))" });
        }));
    }

    [Fact]
    public void ROLL010_treats_a_same_named_metric_with_another_unit_as_a_different_metric()
    {
        Ready(PlanRecipe.Baseline(p => p.StopLosses[0] = new StopLoss { When = Signal.Count("error_rate").Above(0.05), Action = StopLossAction.Rollback }));
    }

    [Fact]
    public void ROLL010_treats_Signal_Percent_error_rate_as_the_built_in_error_rate()
    {
        var plan = PlanRecipe.Baseline(p => p.StopLosses[0] = new StopLoss { When = Signal.Percent("error_rate").Above(0.05), Action = StopLossAction.Rollback });
        Only(plan, "ROLL010", "stopLoss[0]");
    }

    [Fact]
    public void ROLL010_compares_latency_gates_written_as_TimeSpan_with_stop_losses_written_in_milliseconds()
    {
        var plan = PlanRecipe.Baseline(p => p.StopLosses.Add(new StopLoss { When = Signal.LatencyP99.AtLeast(399), Action = StopLossAction.Rollback }));
        var finding = Only(plan, "ROLL010", "stopLoss[2]");
        Says(finding, "latency_p99 >= 399 ms", "latency_p99 < 400 ms");
    }

    [Theory]
    [InlineData(Comparison.Below, 0.1, Comparison.AtLeast, 0.1, false)]
    [InlineData(Comparison.AtMost, 0.1, Comparison.AtLeast, 0.1, true)]
    [InlineData(Comparison.Below, 0.1, Comparison.Above, 0.1, false)]
    [InlineData(Comparison.AtMost, 0.1, Comparison.Above, 0.1, false)]
    [InlineData(Comparison.Below, 0.1, Comparison.Above, 0.09, true)]
    [InlineData(Comparison.Below, 0.1, Comparison.Above, 0.5, false)]
    [InlineData(Comparison.Above, 0.1, Comparison.Above, 0.5, true)]
    [InlineData(Comparison.Below, 0.1, Comparison.Below, 0.05, true)]
    public void Condition_overlap_is_symmetric_and_respects_inclusive_bounds(Comparison gate, double gateAt, Comparison stop, double stopAt, bool overlaps)
    {
        var a = new Condition { Metric = Signal.ErrorRate, Comparison = gate, Threshold = gateAt };
        var b = new Condition { Metric = Signal.ErrorRate, Comparison = stop, Threshold = stopAt };
        Assert.Equal(overlaps, a.Overlaps(b));
        Assert.Equal(overlaps, b.Overlaps(a));
    }
}
