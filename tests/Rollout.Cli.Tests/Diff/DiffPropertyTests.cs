using System.Linq;
using System.Text.Json;
using CsCheck;
using Xunit.Abstractions;
using Rollout.Cli.Diff;
using Rollout.Plans;
using Rollout.Cli.Tests.Infrastructure;
using Rollout.Dsl;

namespace Rollout.Cli.Tests.Diff;

/// <summary>Properties of the classification over generated plans (CsCheck).</summary>
public sealed class DiffPropertyTests
{
    private readonly ITestOutputHelper _log;

    public DiffPropertyTests(ITestOutputHelper log) => _log = log;

    [Fact]
    public void A_plan_compared_with_itself_has_no_changes()
    {
        Property.Check(PlanGen.Plan, plan =>
        {
            Assert.Empty(PlanComparer.Compare(plan, plan));
            // Two separate reads of one file (the writer turns "\r\n" into "\n", so the file, not the model, is the reference).
            using var document = JsonDocument.Parse(plan.ToJson());
            Assert.Empty(PlanComparer.Compare(PlanJsonReader.Read(document.RootElement), PlanJsonReader.Read(document.RootElement)));
        }, iterations: 300, _log);
    }

    [Fact]
    public void Swapping_old_and_new_turns_every_riskier_change_into_a_safer_one_and_back()
    {
        // Independent plans differ everywhere; an edited copy differs in a few places. Both are checked.
        var pairs = Gen.Frequency(
            (1, Gen.Select(PlanGen.Plan, PlanGen.Plan)),
            (2, Gen.Select(PlanGen.Plan, PlanGen.Stage, PlanGen.RollbackStep, PlanGen.Authority, PlanGen.Condition, Gen.Int[0, 5],
                (plan, stage, step, authority, condition, edit) => (plan, Edit(plan, edit, stage, step, authority, condition)))));
        Property.Check(pairs, (old, now) =>
        {
            var forward = PlanComparer.Compare(old, now).Select(change => (change.Path, change.Risk)).OrderBy(c => c.Path).ThenBy(c => c.Risk).ToList();
            var backward = PlanComparer.Compare(now, old).Select(change => (change.Path, Risk: Mirror(change.Risk))).OrderBy(c => c.Path).ThenBy(c => c.Risk).ToList();
            Assert.Equal(forward, backward);
        }, iterations: 600, _log);
    }

    [Fact]
    public void A_riskier_change_always_makes_diff_exit_3_and_its_reverse_never_does()
    {
        var plan = Samples.Checkout;
        var looser = plan with { StopLosses = plan.StopLosses.SetItem(0, plan.StopLosses[0] with { Action = StopLossAction.Halt }) };
        using var folder = new TempFolder("rollout-diff");
        var a = folder.Write("a/p.plan.json", plan.ToJson());
        var b = folder.Write("b/p.plan.json", looser.ToJson());
        Assert.Equal(3, Tool.Run("diff", a, b).ExitCode);
        Assert.Equal(1, Tool.Run("diff", b, a).ExitCode);
        Assert.Equal(0, Tool.Run("diff", a, a).ExitCode);
    }

    private static RolloutPlan Edit(RolloutPlan plan, int edit, Stage stage, RollbackStep step, AuthorityRules authority, Condition condition) => edit switch
    {
        0 => plan with { Stages = plan.Stages.Add(stage) },
        1 => plan with { Stages = plan.Stages.Count == 0 ? plan.Stages : plan.Stages.SetItem(0, stage with { Name = plan.Stages[0].Name }) },
        2 => plan with { Rollback = plan.Rollback.Count == 0 ? plan.Rollback.Add(step) : plan.Rollback.SetItem(0, step with { Kind = plan.Rollback[0].Kind }) },
        3 => plan with { Authority = authority },
        4 => plan with { StopLosses = plan.StopLosses.Count == 0 ? plan.StopLosses : plan.StopLosses.SetItem(0, plan.StopLosses[0] with { When = condition with { Metric = plan.StopLosses[0].When.Metric } }) },
        _ => plan with { PointOfNoReturn = plan.PointOfNoReturn is null ? new PointOfNoReturn { AfterStage = plan.Stages.FirstOrDefault()?.Name } : null },
    };

    private static Risk Mirror(Risk risk) => risk switch
    {
        Risk.Riskier => Risk.Safer,
        Risk.Safer => Risk.Riskier,
        _ => Risk.Neutral,
    };
}
