using System;
using static Rollout.Dsl.Tests.Rules.RuleAssert;

namespace Rollout.Dsl.Tests.Rules;

/// <summary>ROLL004–ROLL009: stages, windows, gates and traffic.</summary>
public class StageRulesTests
{
    private const string Id = PlanRecipe.BaselineId;

    [Fact]
    public void ROLL004_passes_with_a_single_full_stage()
    {
        Ready(PlanRecipe.Baseline(p =>
        {
            p.Stages.RemoveRange(0, 2);
            p.PointAfterStage = "full";
        }));
    }

    [Fact]
    public void ROLL004_fails_without_stages()
    {
        var finding = Only(PlanRecipe.Baseline(p =>
        {
            p.Stages.Clear();
            p.PointAfterStage = null;
            p.PointMoment = "the migration has run";
        }), "ROLL004", "stages");
        Says(finding, "no stages", ".Stage(\"canary\"", ".Observe(", "100 %");
    }

    [Fact]
    public void ROLL005_does_not_require_a_window_on_the_last_stage()
    {
        var plan = PlanRecipe.Baseline();
        Assert.Null(plan.Stages[2].Observe);
        Ready(plan);
    }

    [Fact]
    public void ROLL005_fails_when_a_stage_before_the_last_has_no_observation_window()
    {
        var finding = Only(PlanRecipe.Baseline(p => p.Stage("staged").Observe = null), "ROLL005", "stages[1].observe");
        Says(finding, "stage 'staged' (#2)", "no observation window", ".Observe(TimeSpan.FromMinutes(30))");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void ROLL005_fails_for_a_zero_or_negative_window(int minutes)
    {
        var finding = Only(PlanRecipe.Baseline(p => p.Stage("canary").Observe = TimeSpan.FromMinutes(minutes)), "ROLL005", "stages[0].observe");
        Says(finding, "stage 'canary' (#1)");
    }

    [Fact]
    public void ROLL006_passes_when_the_next_stage_has_an_After_soak_instead_of_gates()
    {
        Ready(PlanRecipe.Baseline(p =>
        {
            p.Stage("staged").Gates.Clear();
            Assert.NotNull(p.Stage("full").After);
        }));
    }

    [Fact]
    public void ROLL006_does_not_require_gates_on_the_last_stage()
    {
        var plan = PlanRecipe.Baseline();
        Assert.Empty(plan.Stages[2].AdvanceWhen);
        Ready(plan);
    }

    [Fact]
    public void ROLL006_fails_when_nothing_says_when_a_stage_may_advance()
    {
        var finding = Only(PlanRecipe.Baseline(p =>
        {
            p.Stage("staged").Gates.Clear();
            p.Stage("full").After = null;
        }), "ROLL006", "stages[1].advanceWhen");
        Says(finding, "stage 'staged' (#2)", "'full'", ".AdvanceWhen(", ".After(TimeSpan.FromHours(24)");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ROLL006_fails_when_the_only_advance_condition_is_a_soak_that_is_not_positive(int hours)
    {
        Only(PlanRecipe.Baseline(p =>
        {
            p.Stage("staged").Gates.Clear();
            p.Stage("full").After = TimeSpan.FromHours(hours);
        }), "ROLL006", "stages[1].advanceWhen");
    }

    [Fact]
    public void ROLL007_fails_when_a_stage_sets_no_traffic()
    {
        var finding = Only(PlanRecipe.Baseline(p => p.Stage("staged").Traffic = null), "ROLL007", "stages[1].traffic");
        Says(finding, "stage 'staged' (#2)", ".Traffic(percent");
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-1.0, "-1")]
    public void ROLL007_fails_for_zero_or_negative_traffic_on_the_first_stage(double percent, string shown)
    {
        var finding = Only(PlanRecipe.Baseline(p => p.Stage("canary").Traffic = percent), "ROLL007", "stages[0].traffic");
        Says(finding, "stage 'canary' (#1)", "takes " + shown + " % of traffic", "more than 0 and at most 100 %");
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(9.5)]
    public void ROLL007_passes_for_small_and_fractional_traffic(double percent)
    {
        Ready(PlanRecipe.Baseline(p => p.Stage("canary").Traffic = percent));
    }

    [Fact]
    public void ROLL007_alone_reports_a_last_stage_above_100_percent()
    {
        var finding = Only(PlanRecipe.Baseline(p => p.Stage("full").Traffic = 100.5), "ROLL007", "stages[2].traffic");
        Says(finding, "stage 'full' (#3)", "takes 100.5 % of traffic");
    }

    [Fact]
    public void ROLL007_alone_reports_NaN_traffic()
    {
        var finding = Only(PlanRecipe.Baseline(p => p.Stage("staged").Traffic = double.NaN), "ROLL007", "stages[1].traffic");
        Says(finding, "stage 'staged' (#2)", "NaN");
    }

    [Fact]
    public void ROLL007_reports_NaN_traffic()
    {
        var findings = PlanRecipe.Baseline(p => p.Stage("staged").Traffic = double.NaN).Validate();
        var finding = Assert.Single(findings, f => f.RuleId == "ROLL007");
        Assert.Equal("stages[1].traffic", finding.Path);
        Says(finding, "'" + Id + "'", "stage 'staged' (#2)", "takes NaN % of traffic");
    }

    [Fact]
    public void ROLL007_reports_every_stage_out_of_range()
    {
        Exactly(PlanRecipe.Baseline(p =>
        {
            p.Stage("canary").Traffic = null;
            p.Stage("staged").Traffic = null;
        }), "ROLL007 @ stages[0].traffic", "ROLL007 @ stages[1].traffic");
    }

    [Fact]
    public void ROLL008_fails_for_equal_consecutive_traffic()
    {
        var finding = Only(PlanRecipe.Baseline(p => p.Stage("staged").Traffic = 1), "ROLL008", "stages[1].traffic");
        Says(finding, "stage 'staged' (#2)", "takes 1 % of traffic, not more than the 1 % of 'canary'", "reorder or merge");
    }

    [Fact]
    public void ROLL008_fails_for_decreasing_traffic_and_points_at_the_later_stage()
    {
        var finding = Only(PlanRecipe.Baseline(p =>
        {
            p.Stage("canary").Traffic = 10;
            p.Stage("staged").Traffic = 5;
        }), "ROLL008", "stages[1].traffic");
        Says(finding, "takes 5 % of traffic, not more than the 10 % of 'canary'");
    }

    [Fact]
    public void ROLL008_skips_a_stage_without_traffic_and_leaves_it_to_ROLL007()
    {
        Exactly(PlanRecipe.Baseline(p => p.Stage("staged").Traffic = null), "ROLL007 @ stages[1].traffic");
    }

    [Fact]
    public void ROLL008_passes_for_barely_increasing_traffic()
    {
        Ready(PlanRecipe.Baseline(p => p.Stage("staged").Traffic = 1.5));
    }

    [Fact]
    public void ROLL009_fails_when_the_last_stage_takes_99_percent()
    {
        var finding = Only(PlanRecipe.Baseline(p => p.Stage("full").Traffic = 99), "ROLL009", "stages[2].traffic");
        Says(finding, "the last stage 'full' (#3) takes 99 % of traffic", "never completes", ".Traffic(100)");
    }

    [Fact]
    public void ROLL009_fails_when_the_stages_stop_short_of_100_percent()
    {
        var finding = Only(PlanRecipe.Baseline(p =>
        {
            p.Stages.RemoveAt(2);
            p.PointAfterStage = "canary";
        }), "ROLL009", "stages[1].traffic");
        Says(finding, "stage 'staged' (#2) takes 10 %");
    }

    [Fact]
    public void ROLL009_leaves_a_last_stage_without_traffic_to_ROLL007()
    {
        Exactly(PlanRecipe.Baseline(p => p.Stage("full").Traffic = null), "ROLL007 @ stages[2].traffic");
    }
}
