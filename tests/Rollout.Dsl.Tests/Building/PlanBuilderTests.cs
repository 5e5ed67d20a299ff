using System;
using System.Collections.Generic;
using System.Linq;
using Rollout.TestSupport;

namespace Rollout.Dsl.Tests.Building;

public class PlanBuilderTests
{
    private const string ThisFile = "PlanBuilderTests.cs";

    /// <summary>Uses every builder method once.</summary>
    private static RolloutPlanBuilder FullSpec() =>
        RolloutPlan.Create("contact-dedup-job")
            .Title("Contact de-duplication job")
            .Owner("crm-data")
            .Touches(Surface.PersistentData, Surface.DatabaseSchema)
            .Stage("pilot", s => s
                .Traffic(5, "one internal tenant")
                .Observe(TimeSpan.FromHours(2))
                .AdvanceWhen(Signal.Count("merge_errors").AtMost(0), Signal.Percent("false_merge_rate").Below(0.01))
                .OverrideBy(Role.EngLead))
            .Stage("full", s => s
                .Traffic(100)
                .After(TimeSpan.FromHours(24), "at 'pilot' without incident"))
            .StopLoss(Signal.Percent("false_merge_rate").Above(0.05), StopLossAction.Rollback)
            .StopLoss(Signal.LatencyP99.AtLeast(TimeSpan.FromMilliseconds(800)), StopLossAction.Halt)
            .Rollback(r => r
                .Config(flag: "DEDUP_JOB_ENABLED", takes: TimeSpan.FromSeconds(10))
                .Code(takes: TimeSpan.FromMinutes(15), when: "the flag alone does not stop the job")
                .Schema("0042_down.sql", takes: TimeSpan.FromMinutes(20), runbook: "docs/runbooks/0042.md")
                .SchemaIrreversible(runbook: "docs/runbooks/contacts-migration.md", when: "the migration was applied")
                .DataRepair("restore-originals.py --since=<deploy_time>", owner: "data-eng on-call", takes: TimeSpan.FromHours(4),
                    when: "duplicates were written", scope: "merged contacts are re-split from backup"))
            .PointOfNoReturn(p => p
                .AfterStage("pilot")
                .At("the backfill has rewritten more than 10 % of contacts")
                .ForwardFix("finish the merge, then re-split wrong merges", owner: "data-eng on-call"))
            .Authority(a => a
                .MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed)
                .MayTrigger(Role.OnCall, Trigger.AnyReason)
                .MayOverride(Role.EngLead, Role.OnCall)
                .Announce("#incidents", within: TimeSpan.FromMinutes(5))
                .Inform(Role.Product, Role.Management)
                .RequireSignOff(Role.Named("vp engineering")));

    private static RolloutPlan FullModel() => new()
    {
        Id = "contact-dedup-job",
        Title = "Contact de-duplication job",
        Owner = "crm-data",
        Touches = EquatableList<Surface>.From(new[] { Surface.PersistentData, Surface.DatabaseSchema }),
        Stages = EquatableList<Stage>.Empty
            .Add(new Stage
            {
                Name = "pilot",
                TrafficPercent = 5,
                Audience = "one internal tenant",
                Observe = TimeSpan.FromHours(2),
                AdvanceWhen = EquatableList<Condition>.From(new[]
                {
                    new Condition { Metric = new Metric { Name = "merge_errors", Unit = MetricUnit.Count }, Comparison = Comparison.AtMost, Threshold = 0 },
                    new Condition { Metric = new Metric { Name = "false_merge_rate", Unit = MetricUnit.Percent }, Comparison = Comparison.Below, Threshold = 0.01 },
                }),
                OverrideBy = [Role.Named("eng lead")],
            })
            .Add(new Stage
            {
                Name = "full",
                TrafficPercent = 100,
                After = new Soak { Duration = TimeSpan.FromHours(24), Note = "at 'pilot' without incident" },
            }),
        StopLosses = EquatableList<StopLoss>.From(new[]
        {
            new StopLoss { When = new Condition { Metric = new Metric { Name = "false_merge_rate", Unit = MetricUnit.Percent }, Comparison = Comparison.Above, Threshold = 0.05 }, Action = StopLossAction.Rollback },
            new StopLoss { When = new Condition { Metric = new Metric { Name = "latency_p99", Unit = MetricUnit.Milliseconds }, Comparison = Comparison.AtLeast, Threshold = 800 }, Action = StopLossAction.Halt },
        }),
        Rollback = EquatableList<RollbackStep>.From(new[]
        {
            new RollbackStep { Kind = RollbackKind.Config, Target = "DEDUP_JOB_ENABLED", Takes = TimeSpan.FromSeconds(10) },
            new RollbackStep { Kind = RollbackKind.Code, Target = "previous release artifact", Takes = TimeSpan.FromMinutes(15), When = "the flag alone does not stop the job" },
            new RollbackStep { Kind = RollbackKind.Schema, Target = "0042_down.sql", Takes = TimeSpan.FromMinutes(20), Runbook = "docs/runbooks/0042.md" },
            new RollbackStep
            {
                Kind = RollbackKind.Schema, Target = "not reversible without downtime",
                Reversible = false,
                Runbook = "docs/runbooks/contacts-migration.md",
                When = "the migration was applied",
            },
            new RollbackStep
            {
                Kind = RollbackKind.DataRepair, Target = "restore-originals.py --since=<deploy_time>",
                Owner = "data-eng on-call",
                Takes = TimeSpan.FromHours(4),
                When = "duplicates were written",
                Scope = "merged contacts are re-split from backup",
            },
        }),
        PointOfNoReturn = new PointOfNoReturn
        {
            AfterStage = "pilot",
            Moment = "the backfill has rewritten more than 10 % of contacts",
            ForwardFix = "finish the merge, then re-split wrong merges",
            Owner = "data-eng on-call",
        },
        Authority = new AuthorityRules
        {
            Triggers = EquatableList<TriggerRight>.From(new[]
            {
                new TriggerRight { Role = Role.Named("release engineer"), When = Trigger.StopLossCrossed },
                new TriggerRight { Role = Role.Named("on-call engineer"), When = Trigger.AnyReason },
            }),
            Overrides = EquatableList<Role>.From(new[] { Role.Named("eng lead"), Role.Named("on-call engineer") }),
            Announcement = new Announcement { Channel = "#incidents", Within = TimeSpan.FromMinutes(5), Include = "reason and timestamp" },
            Informed = EquatableList<Role>.From(new[] { Role.Named("product"), Role.Named("management") }),
            SignOff = EquatableList<Role>.From(new[] { Role.Named("vp engineering") }),
        },
        Source = new SpecSource { Member = nameof(FullSpec), File = ThisFile },
    };

    [Fact]
    public void The_fluent_spec_builds_exactly_the_hand_written_model()
    {
        RolloutPlan built = FullSpec();
        var expected = FullModel();

        // Part by part first, so that a failure says which part differs.
        Assert.Equal(expected.Touches, built.Touches);
        Assert.Equal(expected.Stages[0], built.Stages[0]);
        Assert.Equal(expected.Stages[1], built.Stages[1]);
        Assert.Equal(expected.StopLosses, built.StopLosses);
        for (var i = 0; i < expected.Rollback.Count; i++) Assert.Equal(expected.Rollback[i], built.Rollback[i]);
        Assert.Equal(expected.Rollback, built.Rollback);
        Assert.Equal(expected.PointOfNoReturn, built.PointOfNoReturn);
        Assert.Equal(expected.Authority, built.Authority);
        Assert.Equal(expected.Source, built.Source);
        Assert.Equal(expected, built);
        Assert.Equal(expected.GetHashCode(), built.GetHashCode());
    }

    [Fact]
    public void A_change_in_any_detail_breaks_equality()
    {
        RolloutPlan built = FullSpec();
        var model = FullModel();
        Assert.NotEqual(model with { Title = "other" }, built);
        Assert.NotEqual(model with { Stages = model.Stages.SetItem(0, model.Stages[0] with { Observe = TimeSpan.FromHours(3) }) }, built);
        Assert.NotEqual(model with { StopLosses = model.StopLosses.SetItem(0, model.StopLosses[0] with { Action = StopLossAction.Halt }) }, built);
        Assert.NotEqual(model with { Rollback = model.Rollback.SetItem(4, model.Rollback[4] with { Owner = "someone else" }) }, built);
        Assert.NotEqual(model with { Authority = model.Authority! with { Informed = EquatableList<Role>.Empty } }, built);
        Assert.NotEqual(model with { Touches = EquatableList<Surface>.From(new[] { Surface.DatabaseSchema, Surface.PersistentData }) }, built);
        Assert.NotEqual(model with { Source = new SpecSource { Member = "Other", File = ThisFile } }, built);
    }

    [Fact]
    public void Implicit_conversion_and_Build_agree()
    {
        var builder = FullSpec();
        RolloutPlan converted = builder;
        var built = builder.Build();
        Assert.Equal(built, converted);
        Assert.Equal(FullModel(), built);
    }

    [Fact]
    public void Two_independently_built_identical_plans_are_equal_with_equal_hash_codes()
    {
        RolloutPlan first = FullSpec();
        RolloutPlan second = FullSpec();
        Assert.NotSame(first, second);
        Assert.NotSame(first.Stages, second.Stages);
        Assert.Equal(first, second);
        Assert.True(first == second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.Single(new HashSet<RolloutPlan> { first, second });
    }

    [Fact]
    public void Rollback_called_twice_accumulates_steps_in_order()
    {
        RolloutPlan plan = RolloutPlan.Create("twice")
            .Rollback(r => r.Config(flag: "A", takes: TimeSpan.FromSeconds(5)))
            .Rollback(r => r.Code(takes: TimeSpan.FromMinutes(10)).DataRepair("fix.py", owner: "team", takes: TimeSpan.FromHours(1)));
        Assert.Equal(new[] { RollbackKind.Config, RollbackKind.Code, RollbackKind.DataRepair }, plan.Rollback.Select(s => s.Kind));
        Assert.Equal("A", plan.Rollback[0].Target);
    }

    [Fact]
    public void Authority_called_twice_accumulates()
    {
        RolloutPlan plan = RolloutPlan.Create("twice")
            .Authority(a => a.MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed).Inform(Role.Product).MayOverride(Role.EngLead))
            .Authority(a => a.MayTrigger(Role.OnCall, Trigger.AnyReason).Inform(Role.Management).Announce("#incidents", TimeSpan.FromMinutes(5)));
        var authority = plan.Authority!;
        Assert.Equal(
            new[] { new TriggerRight { Role = Role.ReleaseEngineer, When = Trigger.StopLossCrossed }, new TriggerRight { Role = Role.OnCall, When = Trigger.AnyReason } },
            authority.Triggers);
        Assert.Equal(new[] { Role.Product, Role.Management }, authority.Informed);
        Assert.Equal(new[] { Role.EngLead }, authority.Overrides);
        Assert.Equal(new Announcement { Channel = "#incidents", Within = TimeSpan.FromMinutes(5), Include = "reason and timestamp" }, authority.Announcement);
    }

    [Fact]
    public void An_empty_authority_block_still_counts_as_authority_rules()
    {
        RolloutPlan plan = RolloutPlan.Create("empty-authority").Authority(_ => { });
        Assert.Equal(new AuthorityRules(), plan.Authority);
    }

    [Fact]
    public void Stages_and_stop_losses_keep_the_order_written()
    {
        RolloutPlan plan = RolloutPlan.Create("order")
            .Stage("b", s => s.Traffic(1))
            .Stage("a", s => s.Traffic(100))
            .StopLoss(Signal.LatencyP99.Above(900), StopLossAction.Halt)
            .StopLoss(Signal.ErrorRate.Above(1), StopLossAction.Rollback);
        Assert.Equal(new[] { "b", "a" }, plan.Stages.Select(s => s.Name));
        Assert.Equal(new[] { "latency_p99", "error_rate" }, plan.StopLosses.Select(s => s.When.Metric.Name));
    }

    [Fact]
    public void Touches_keeps_the_order_written_across_calls()
    {
        RolloutPlan plan = RolloutPlan.Create("touches")
            .Touches(Surface.HighTrafficPath, Surface.PaymentFlow)
            .Touches(Surface.Config);
        Assert.Equal(new[] { Surface.HighTrafficPath, Surface.PaymentFlow, Surface.Config }, plan.Touches);
    }

    [Fact]
    public void Later_calls_of_single_valued_methods_win()
    {
        RolloutPlan plan = RolloutPlan.Create("last-wins")
            .Title("first").Title("second")
            .Owner("a").Owner("b")
            .Stage("s", s => s.Traffic(1, "x").Traffic(2).Observe(TimeSpan.FromMinutes(1)).Observe(TimeSpan.FromMinutes(2)));
        Assert.Equal("second", plan.Title);
        Assert.Equal("b", plan.Owner);
        Assert.Equal(new Stage { Name = "s", TrafficPercent = 2, Observe = TimeSpan.FromMinutes(2) }, plan.Stages[0]);
    }

    [Fact]
    public void AdvanceWhen_called_twice_accumulates_gates()
    {
        RolloutPlan plan = RolloutPlan.Create("gates")
            .Stage("s", s => s.AdvanceWhen(Signal.ErrorRate.Below(0.1)).AdvanceWhen(Signal.LatencyP95.Below(TimeSpan.FromMilliseconds(250))));
        Assert.Equal(
            new[] { new Condition { Metric = Signal.ErrorRate, Comparison = Comparison.Below, Threshold = 0.1 }, new Condition { Metric = Signal.LatencyP95, Comparison = Comparison.Below, Threshold = 250 } },
            plan.Stages[0].AdvanceWhen);
    }

    [Fact]
    public void A_new_plan_has_empty_lists_and_no_optional_parts()
    {
        RolloutPlan plan = RolloutPlan.Create("bare");
        Assert.Equal(new RolloutPlan { Id = "bare", Source = new SpecSource { Member = nameof(A_new_plan_has_empty_lists_and_no_optional_parts), File = ThisFile } }, plan);
        Assert.Empty(plan.Stages);
        Assert.Null(plan.Authority);
        Assert.Null(plan.PointOfNoReturn);
    }

    [Fact]
    public void Source_is_the_calling_member_and_the_file_name_only()
    {
        RolloutPlan plan = RolloutPlan.Create("source");
        Assert.Equal(new SpecSource { Member = nameof(Source_is_the_calling_member_and_the_file_name_only), File = ThisFile }, plan.Source);
        Assert.DoesNotContain('/', plan.Source!.File);
        Assert.DoesNotContain('\\', plan.Source.File);
    }

    [Theory]
    [InlineData("/home/dev/repo/Specs/Checkout.cs", "Checkout.cs")]
    [InlineData(@"C:\src\repo\Specs\Checkout.cs", "Checkout.cs")]
    [InlineData(@"C:\src\repo/Specs\Mixed/Checkout.cs", "Checkout.cs")]
    [InlineData("Checkout.cs", "Checkout.cs")]
    [InlineData("", "")]
    public void Source_never_keeps_a_directory(string callerPath, string expected)
    {
        RolloutPlan plan = RolloutPlan.Create("source", specMember: "Plan", specFile: callerPath);
        Assert.Equal(new SpecSource { Member = "Plan", File = expected }, plan.Source);
    }

    [Fact]
    public void Source_inside_a_lambda_is_the_enclosing_member()
    {
        Func<RolloutPlan> spec = () => RolloutPlan.Create("lambda");
        Assert.Equal(nameof(Source_inside_a_lambda_is_the_enclosing_member), spec().Source!.Member);
    }

    [Fact]
    public void Builders_never_change_a_plan_already_taken()
    {
        var builder = RolloutPlan.Create("snapshot").Owner("a");
        RolloutPlan before = builder;
        builder.Owner("b").Stage("s", s => s.Traffic(100));
        Assert.Equal("a", before.Owner);
        Assert.Empty(before.Stages);
    }

    [Fact]
    public void Default_arguments_are_recorded()
    {
        RolloutPlan plan = RolloutPlan.Create("defaults")
            .Rollback(r => r.Code(TimeSpan.FromMinutes(5)).SchemaIrreversible("runbook.md").DataRepair("fix.py"))
            .Authority(a => a.Announce("#incidents", TimeSpan.FromMinutes(5)))
            .Stage("s", s => s.After(TimeSpan.FromHours(1)));
        Assert.Equal(new RollbackStep { Kind = RollbackKind.Code, Target = "previous release artifact", Takes = TimeSpan.FromMinutes(5) }, plan.Rollback[0]);
        Assert.Equal(new RollbackStep { Kind = RollbackKind.Schema, Target = "not reversible without downtime", Reversible = false, Runbook = "runbook.md" }, plan.Rollback[1]);
        Assert.Equal(new RollbackStep { Kind = RollbackKind.DataRepair, Target = "fix.py" }, plan.Rollback[2]);
        Assert.True(plan.Rollback[0].Reversible);
        Assert.Equal("reason and timestamp", plan.Authority!.Announcement!.Include);
        Assert.Equal(new Soak { Duration = TimeSpan.FromHours(1) }, plan.Stages[0].After);
    }

    [Fact]
    public void Signal_factories_build_metrics_with_their_units()
    {
        Assert.Equal(new Metric { Name = "error_rate", Unit = MetricUnit.Percent }, Signal.ErrorRate);
        Assert.Equal(new Metric { Name = "latency_p99", Unit = MetricUnit.Milliseconds }, Signal.LatencyP99);
        Assert.Equal(new Metric { Name = "latency_p95", Unit = MetricUnit.Milliseconds }, Signal.LatencyP95);
        Assert.Equal(new Metric { Name = "x", Unit = MetricUnit.Count }, Signal.Count("x"));
        Assert.Equal(new Metric { Name = "x", Unit = MetricUnit.Percent }, Signal.Percent("x"));
        Assert.Equal(new Metric { Name = "x", Unit = MetricUnit.Milliseconds }, Signal.Latency("x"));
        Assert.Equal(Signal.LatencyP99.Below(400), Signal.LatencyP99.Below(TimeSpan.FromMilliseconds(400)));
        Assert.Equal(Signal.LatencyP99.AtMost(1500), Signal.LatencyP99.AtMost(TimeSpan.FromSeconds(1.5)));
        Assert.Equal(Signal.LatencyP99.Above(400), Signal.LatencyP99.Above(TimeSpan.FromMilliseconds(400)));
        Assert.Equal(Signal.LatencyP99.AtLeast(400), Signal.LatencyP99.AtLeast(TimeSpan.FromMilliseconds(400)));
        Assert.Equal(new Role { Name = "data-eng on-call" }, Role.Named("data-eng on-call"));
    }

    [Fact]
    public void EquatableList_compares_by_items_whichever_way_it_was_built()
    {
        var added = EquatableList<string>.Empty.Add("a").Add("b");
        var from = EquatableList<string>.From(new List<string> { "a", "b" });
        var ranged = EquatableList<string>.Empty.AddRange(new[] { "a", "b" });
        Assert.Equal(added, from);
        Assert.Equal(from, ranged);
        Assert.Equal(added.GetHashCode(), ranged.GetHashCode());
        Assert.NotEqual(added, EquatableList<string>.From(new[] { "b", "a" }));
        Assert.NotEqual(added, added.Add("c"));
        Assert.False(added.Equals(null));
        Assert.Equal(2, added.Count);
    }
}
