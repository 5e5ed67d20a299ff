using System;
using Rollout.Dsl.Rules;
using static Rollout.Dsl.Tests.Rules.RuleAssert;

namespace Rollout.Dsl.Tests.Rules;

/// <summary>ROLL011, ROLL012, ROLL013, ROLL018, ROLL020: schema and data changes.</summary>
public class PersistentStateRulesTests
{
    private static Action<RollbackBuilder> Repair(string? owner, TimeSpan? takes) =>
        r => r.DataRepair("repair-ledger.py --since=<deploy_time>", owner: owner, takes: takes);

    [Fact]
    public void ROLL011_passes_without_a_point_of_no_return_when_nothing_persistent_is_touched()
    {
        Ready(PlanRecipe.Baseline(p =>
        {
            p.Touches.Remove(Surface.PersistentData);
            p.Touches.Remove(Surface.DatabaseSchema);
            p.HasPointOfNoReturn = false;
        }));
    }

    [Theory]
    [InlineData(Surface.DatabaseSchema, "database schema")]
    [InlineData(Surface.PersistentData, "persistent data")]
    public void ROLL011_fails_when_persistent_state_changes_without_a_point_of_no_return(Surface surface, string shown)
    {
        var finding = Only(PlanRecipe.Baseline(p =>
        {
            p.Touches.Remove(Surface.PersistentData);
            p.Touches.Remove(Surface.DatabaseSchema);
            p.Touches.Add(surface);
            p.HasPointOfNoReturn = false;
        }), "ROLL011", "pointOfNoReturn");
        Says(finding, "changes persistent state (" + shown + ")", ".PointOfNoReturn(p => p.AfterStage(", ".ForwardFix(");
    }

    [Fact]
    public void ROLL012_passes_for_a_complete_data_repair_step()
    {
        var plan = PlanRecipe.Baseline();
        Assert.Contains(plan.Rollback, s => s.Kind == RollbackKind.DataRepair && s.Owner != null && s.Takes > TimeSpan.Zero);
        Ready(plan);
    }

    [Fact]
    public void ROLL012_fails_for_a_data_repair_without_owner()
    {
        var finding = Only(PlanRecipe.Baseline(p => p.Rollback[3] = Repair(null, TimeSpan.FromHours(2))), "ROLL012", "rollback[3]");
        Says(finding, "data repair 'repair-ledger.py --since=<deploy_time>' has no owner.", "Add owner: \"<team>\" to r.DataRepair(...)");
        Assert.DoesNotContain("takes:", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ROLL012_fails_for_a_data_repair_with_a_blank_owner()
    {
        Only(PlanRecipe.Baseline(p => p.Rollback[3] = Repair("  ", TimeSpan.FromHours(2))), "ROLL012", "rollback[3]");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-1)]
    public void ROLL012_fails_for_a_data_repair_without_a_positive_estimate(int? hours)
    {
        TimeSpan? takes = hours is { } h ? TimeSpan.FromHours(h) : null;
        var finding = Only(PlanRecipe.Baseline(p => p.Rollback[3] = Repair("payments-data", takes)), "ROLL012", "rollback[3]");
        Says(finding, "has no estimated duration.", "Add takes: TimeSpan.FromHours(<estimate>) to r.DataRepair(...)");
        Assert.DoesNotContain("owner:", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ROLL012_fails_once_for_a_data_repair_missing_both()
    {
        var finding = Only(PlanRecipe.Baseline(p => p.Rollback[3] = Repair(null, null)), "ROLL012", "rollback[3]");
        Says(finding, "has no owner and no estimated duration", "Add owner: \"<team>\" and takes: TimeSpan.FromHours(<estimate>)");
    }

    [Fact]
    public void ROLL012_reports_each_incomplete_repair_at_its_own_index()
    {
        Exactly(PlanRecipe.Baseline(p =>
        {
            p.Rollback[3] = Repair(null, TimeSpan.FromHours(1));
            p.Rollback.Add(Repair("payments-data", null));
        }), "ROLL012 @ rollback[3]", "ROLL012 @ rollback[4]");
    }

    [Fact]
    public void ROLL013_passes_with_a_forward_fix_instead_of_a_data_repair_step()
    {
        Ready(PlanRecipe.Baseline(p => p.Rollback.RemoveAt(3)));
    }

    [Fact]
    public void ROLL013_passes_with_a_data_repair_step_but_no_forward_fix_apart_from_ROLL018()
    {
        Exactly(PlanRecipe.Baseline(p => p.ForwardFix = null), "ROLL018 @ pointOfNoReturn.forwardFix");
    }

    [Fact]
    public void ROLL013_fails_without_data_repair_and_without_forward_fix()
    {
        // A plan that writes data must have a point of no return (ROLL011) with a forward fix (ROLL018),
        // so ROLL013 never fires alone: without the forward fix, ROLL018 fires too.
        var findings = Exactly(PlanRecipe.Baseline(p =>
        {
            p.Rollback.RemoveAt(3);
            p.ForwardFix = null;
        }), "ROLL013 @ rollback", "ROLL018 @ pointOfNoReturn.forwardFix");
        Says(findings[0], "writes persistent data", "r.DataRepair(\"<script>\", owner: \"<team>\", takes: <estimate>)", ".ForwardFix(");
    }

    [Fact]
    public void ROLL013_fails_together_with_ROLL011_when_the_point_of_no_return_is_missing()
    {
        Exactly(PlanRecipe.Baseline(p =>
        {
            p.Rollback.RemoveAt(3);
            p.HasPointOfNoReturn = false;
        }), "ROLL011 @ pointOfNoReturn", "ROLL013 @ rollback");
    }

    [Fact]
    public void ROLL013_does_not_apply_to_a_schema_only_change()
    {
        Ready(PlanRecipe.Baseline(p =>
        {
            p.Touches.Remove(Surface.PersistentData);
            p.Rollback.RemoveAt(3);
        }));
    }

    [Fact]
    public void ROLL018_fails_for_a_point_of_no_return_after_an_unknown_stage()
    {
        var finding = Only(PlanRecipe.Baseline(p => p.PointAfterStage = "halfway"), "ROLL018", "pointOfNoReturn.afterStage");
        Says(finding, "after stage 'halfway', which the plan does not have", "Use one of: 'canary', 'staged', 'full'.");
    }

    [Fact]
    public void ROLL018_compares_stage_names_exactly()
    {
        Only(PlanRecipe.Baseline(p => p.PointAfterStage = "Staged"), "ROLL018", "pointOfNoReturn.afterStage");
    }

    [Fact]
    public void ROLL018_passes_with_a_moment_instead_of_a_stage()
    {
        Ready(PlanRecipe.Baseline(p =>
        {
            p.PointAfterStage = null;
            p.PointMoment = "the backfill has rewritten more than 10 % of the ledger";
        }));
    }

    [Fact]
    public void ROLL018_fails_when_the_point_of_no_return_says_neither_stage_nor_moment()
    {
        var finding = Only(PlanRecipe.Baseline(p => p.PointAfterStage = null), "ROLL018", "pointOfNoReturn");
        Says(finding, "does not say when it is reached", "p.AfterStage(\"<stage>\")", "p.At(\"<moment>\")");
    }

    [Fact]
    public void ROLL018_fails_for_a_blank_moment_and_no_stage()
    {
        Only(PlanRecipe.Baseline(p =>
        {
            p.PointAfterStage = null;
            p.PointMoment = " ";
        }), "ROLL018", "pointOfNoReturn");
    }

    [Fact]
    public void ROLL018_fails_without_a_forward_fix_on_a_plan_that_does_not_write_data()
    {
        var finding = Only(PlanRecipe.Baseline(p =>
        {
            p.Touches.Remove(Surface.PersistentData);
            p.ForwardFix = null;
        }), "ROLL018", "pointOfNoReturn.forwardFix");
        Says(finding, "no forward-fix path", "p.ForwardFix(");
    }

    [Fact]
    public void ROLL018_reports_every_problem_of_the_point_of_no_return()
    {
        Exactly(PlanRecipe.Baseline(p =>
        {
            p.Touches.Remove(Surface.PersistentData);
            p.PointAfterStage = "later";
            p.ForwardFix = null;
        }), "ROLL018 @ pointOfNoReturn.afterStage", "ROLL018 @ pointOfNoReturn.forwardFix");
    }

    [Fact]
    public void ROLL020_passes_when_a_code_rollback_comes_with_an_irreversible_schema_step()
    {
        Ready(PlanRecipe.Baseline(p => p.Rollback[2] = r => r.SchemaIrreversible(runbook: "docs/runbooks/ledger-v2-migration.md")));
    }

    [Fact]
    public void ROLL020_warns_when_a_schema_change_is_rolled_back_by_redeploying_code_alone()
    {
        var finding = Only(PlanRecipe.Baseline(p => p.Rollback.RemoveAt(2)), "ROLL020", "rollback");
        Assert.Equal(RuleSeverity.Warning, finding.Severity);
        Assert.Equal(RuleSeverity.Warning, Rule("ROLL020").DefaultSeverity);
        Says(finding, "changes the database schema", "r.Schema(\"<down-migration>\"", "r.SchemaIrreversible(");
    }

    [Fact]
    public void ROLL020_does_not_apply_without_a_code_rollback_or_without_a_schema_change()
    {
        Ready(PlanRecipe.Baseline(p =>
        {
            p.Rollback.RemoveAt(2);
            p.Rollback.RemoveAt(1);
        }));
        Ready(PlanRecipe.Baseline(p =>
        {
            p.Touches.Remove(Surface.DatabaseSchema);
            p.Rollback.RemoveAt(2);
        }));
    }
}
