using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Rollout.Dsl;
using Rollout.Fuzzing.Harness;

namespace Rollout.Fuzzing.Tests;

/// <summary>
/// The bugs a first fuzzing run found (issue 8's table, numbered as there), each with its reduced spec:
/// no host throws, and the spec gets a located error instead of a silently switched-off check.
/// </summary>
public class IssueRegressionTests
{
    [Fact]
    public void Bug01_null_receivers_are_ROLL100_at_the_null_expression()
    {
        var result = SpecHarness.Run(Spec("((RolloutPlanBuilder)null!).Owner(\"x\")"));
        AssertNoHostFailed(result);
        Assert.Equal("(RolloutPlanBuilder)null!", TextOf(Assert.Single(result.WithId("ROLL100"))));

        var metric = SpecHarness.Run(BaseSpecs.ReadyWith("Signal.ErrorRate.Above(0.5)", "((Metric)null!).Above(1)"));
        AssertNoHostFailed(metric);
        Assert.Equal("(Metric)null!", TextOf(Assert.Single(metric.WithId("ROLL100"))));
    }

    [Fact]
    public void Bug02_a_copy_pasted_spec_method_gets_unique_generated_names_and_keeps_the_catalog()
    {
        var method = BaseSpecs.Ready.Substring(BaseSpecs.Ready.IndexOf("    [RolloutSpec]", StringComparison.Ordinal));
        method = method.Substring(0, method.LastIndexOf('}'));
        var twice = BaseSpecs.Ready.Replace(method, method + method.Replace("\"new-checkout-flow\"", "\"copy\""), StringComparison.Ordinal);

        var result = SpecHarness.Run(twice);

        AssertNoHostFailed(result);
        Assert.Contains(result.CompilerErrors, d => d.Id == "CS0111");
        var names = result.GeneratedSources.Select(s => s.HintName).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        // Both plans in one file (chosen by the spec's name), each after its own distinct name.
        var file = Assert.Single(result.GeneratedSources, s => s.HintName.StartsWith("Rollout.Plans.", StringComparison.Ordinal)).SourceText.ToString();
        var planNames = System.Text.RegularExpressions.Regex.Matches(file, @"^// (Rollout\.Plan\.Service\.Specs\.Checkout\.Plan\.\S+)$", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, planNames.Count);
        Assert.Equal(2, planNames.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Contains("Rollout.Generated.RolloutCatalog.g.cs", names);
    }

    [Fact]
    public void Bug02_overloads_and_copies_in_other_files_never_share_a_generated_name()
    {
        var overload = BaseSpecs.Ready.Replace("public static class Checkout\n{",
            "public static class Checkout\n{\n    [RolloutSpec]\n    public static RolloutPlan Plan(int version) => RolloutPlan.Create(\"v\");\n", StringComparison.Ordinal);
        var other = BaseSpecs.Ready.Replace("public static class Checkout", "public static partial class Checkout", StringComparison.Ordinal)
            .Replace("\"new-checkout-flow\"", "\"other\"", StringComparison.Ordinal);

        var result = SpecHarness.Run(new[] { ("A.cs", overload), ("B.cs", other.Replace("public static partial class", "public static partial class", StringComparison.Ordinal)) });

        AssertNoHostFailed(result);
        Assert.Single(result.WithId("ROLL101"));
        var names = result.GeneratedSources.Select(s => s.HintName).ToList();
        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Bug03_record_constructors_are_not_replayed()
    {
        var result = SpecHarness.Run(Spec("new RolloutPlan { Id = null! }"));

        AssertNoHostFailed(result);
        Assert.Equal("new RolloutPlan { Id = null! }", TextOf(Assert.Single(result.WithId("ROLL100"))));
        Assert.DoesNotContain(result.GeneratedSources, s => s.HintName.StartsWith("Rollout.Plans.", StringComparison.Ordinal));
    }

    [Fact]
    public void Bug03_with_expressions_are_not_replayed()
    {
        var result = SpecHarness.Run(Spec("((RolloutPlan)RolloutPlan.Create(\"p\")) with { Owner = \"x\" }"));

        AssertNoHostFailed(result);
        Assert.NotEmpty(result.WithId("ROLL100"));
    }

    [Theory]
    [InlineData("(Trigger)(-1)")]
    [InlineData("~Trigger.AnyReason")]
    public void Bug04_undefined_triggers_are_ROLL023_at_the_call_and_render_without_throwing(string trigger)
    {
        var result = SpecHarness.Run(BaseSpecs.ReadyWith("Trigger.AnyReason)", trigger + ")"));

        AssertNoHostFailed(result);
        var finding = Assert.Single(result.WithId("ROLL023"));
        Assert.Equal(DiagnosticSeverity.Error, finding.Severity);
        Assert.StartsWith("MayTrigger(Role.OnCall, " + trigger, TextOf(finding), StringComparison.Ordinal);

        var plan = RolloutPlan.Create("p").Authority(a => a.MayTrigger(Role.OnCall, (Trigger)(-1))).Build();
        Assert.Contains("(Trigger)-1", plan.ToRunbook(), StringComparison.Ordinal);
        Assert.Contains("\"(Trigger)-1\"", plan.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bug05_condition_constructor_is_ROLL100_and_the_json_renders_an_undefined_comparison()
    {
        var result = SpecHarness.Run(BaseSpecs.ReadyWith("Signal.ErrorRate.Above(0.5)", "new Condition { Metric = Signal.ErrorRate, Comparison = (Comparison)9, Threshold = 1 }"));

        AssertNoHostFailed(result);
        Assert.Equal("new Condition { Metric = Signal.ErrorRate, Comparison = (Comparison)9, Threshold = 1 }", TextOf(Assert.Single(result.WithId("ROLL100"))));

        var plan = RolloutPlan.Create("p").StopLoss(Signal.ErrorRate.Above(1) with { Comparison = (Comparison)9 }, StopLossAction.Rollback).Build();
        Assert.Contains("\"(Comparison)9\"", plan.ToJson(), StringComparison.Ordinal);
        Assert.Contains(plan.Validate(), f => f.RuleId == "ROLL023");
    }

    [Theory]
    [InlineData(".Above((int)(object)1e10)", "(int)(object)1e10")]
    [InlineData(".Touches((Surface)(object)\"x\")", "(Surface)(object)\"x\"")]
    public void Bug06_conversions_that_throw_at_run_time_are_ROLL100(string call, string expression)
    {
        var source = call.StartsWith(".Above", StringComparison.Ordinal)
            ? BaseSpecs.ReadyWith(".Above(0.5)", call)
            : BaseSpecs.ReadyWith(".Touches(Surface.PaymentFlow, Surface.HighTrafficPath)", call);

        var result = SpecHarness.Run(source);

        AssertNoHostFailed(result);
        Assert.Equal(expression, TextOf(Assert.Single(result.WithId("ROLL100"))));
    }

    [Fact]
    public void Bug07_a_condition_without_metric_is_ROLL100_and_rules_describe_it_without_throwing()
    {
        var result = SpecHarness.Run(BaseSpecs.ReadyWith("Signal.ErrorRate.Above(0.5)", "new Condition { Metric = null!, Comparison = default, Threshold = double.NaN }"));

        AssertNoHostFailed(result);
        Assert.Single(result.WithId("ROLL100"));

        var plan = RolloutPlan.Create("p").StopLoss(Signal.ErrorRate.Above(1) with { Metric = null!, Threshold = double.NaN }, StopLossAction.Rollback).Build();
        Assert.Contains(plan.Validate(), f => f.RuleId == "ROLL022" && f.Message.Contains("(no metric)", StringComparison.Ordinal));
    }

    [Fact]
    public void Bug08_cancellation_at_any_point_is_only_ever_cancellation()
    {
        var spec = BaseSpecs.All().Single(b => b.Name == "ContactDeduplication").Source;
        var outcomes = CancellationProbe.Run(spec, trials: 24, seed: 8);

        Assert.Empty(outcomes.Failures);
        Assert.True(outcomes.Cancelled > 0, "no trial was cancelled; the probe tested nothing");
    }

    [Fact]
    public void Bug09_the_attribute_on_the_declaring_half_of_a_partial_method_reads_the_implementation()
    {
        var source = BaseSpecs.ReadyWith("public static class Checkout\n{\n    [RolloutSpec]\n    public static RolloutPlan Plan() =>",
                "public static partial class Checkout\n{\n    [RolloutSpec]\n    public static partial RolloutPlan Plan();\n\n    public static partial RolloutPlan Plan() =>")
            .Replace("        .StopLoss(Signal.ErrorRate.Above(0.5), StopLossAction.Rollback)\n", "", StringComparison.Ordinal);

        var result = SpecHarness.Run(source);

        AssertNoHostFailed(result);
        Assert.Empty(result.CompilerErrors);
        Assert.Single(result.WithId("ROLL001"));
        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("\n// Rollout.Plan.Service.Specs.Checkout.Plan.", StringComparison.Ordinal));
        Assert.Equal(1, result.EmbeddedContent().Run!.PlanCount);
    }

    [Theory]
    [InlineData("(double)(object)\"12\"")]
    [InlineData("(double)(object)12")]
    public void Bug10_unboxing_the_wrong_type_is_ROLL100_where_run_time_throws(string threshold)
    {
        var result = SpecHarness.Run(BaseSpecs.ReadyWith(".Above(0.5)", ".Above(" + threshold + ")"));

        AssertNoHostFailed(result);
        Assert.Equal(threshold, TextOf(Assert.Single(result.WithId("ROLL100"))));
        Assert.Contains(result.RunSpecs(), r => r.Exception is not null && r.Exception.StartsWith("InvalidCastException", StringComparison.Ordinal));
    }

    [Fact]
    public void Bug10_unboxing_the_right_type_reads_what_run_time_builds()
    {
        var result = SpecHarness.Run(BaseSpecs.ReadyWith(".Above(0.5)", ".Above((double)(object)0.5)").Replace(".Traffic(1,", ".Traffic((int)(object)1,", StringComparison.Ordinal));

        AssertNoHostFailed(result);
        // The ready base measures no metric, so ROLL024 (a warning) is expected; this regression is about the casts.
        Assert.DoesNotContain(result.All, d => d.Id.StartsWith("ROLL", StringComparison.Ordinal) && d.Id != "ROLL024");
        Assert.True(Differential.Applies(result));
        Assert.Equal(Differential.Compare(result), Array.Empty<string>());
    }

    [Fact]
    public void Bug11_a_plan_created_inside_a_stage_lambda_does_not_move_the_outer_plans_locations()
    {
        var source = BaseSpecs.ReadyWith("                .Traffic(100)\n", "                .Traffic(100)\n                .OverrideBy(Role.Named(((RolloutPlan)RolloutPlan.Create(\"inner\").Owner(\"x\")).Id))\n")
            .Replace("        .Rollback(r => r.Config(flag: \"NEW_CHECKOUT_ENABLED\", takes: TimeSpan.FromSeconds(30)))\n", "", StringComparison.Ordinal);
        var nested = BaseSpecs.ReadyWith("        .Stage(\"full\", s => s\n", "        .Stage(\"full\", s => { RolloutPlan.Create(\"inner\").Stage(\"x\", t => t.Traffic(5)); s\n")
            .Replace("\"at 'canary' without incident\"))", "\"at 'canary' without incident\"); })", StringComparison.Ordinal)
            .Replace("        .Rollback(r => r.Config(flag: \"NEW_CHECKOUT_ENABLED\", takes: TimeSpan.FromSeconds(30)))\n", "", StringComparison.Ordinal);

        foreach (var spec in new[] { source, nested })
        {
            var result = SpecHarness.Run(spec);
            AssertNoHostFailed(result);
            var missingRollback = result.WithId("ROLL002").ToList();
            if (spec == source)
            {
                // .Id of a plan is not part of the DSL's fluent calls: refused, and nothing is checked.
                Assert.NotEmpty(result.WithId("ROLL100"));
                continue;
            }
            Assert.Empty(result.CompilerErrors);
            var finding = Assert.Single(missingRollback);
            Assert.StartsWith("RolloutPlan.Create(\"new-checkout-flow\")", TextOf(finding), StringComparison.Ordinal);
        }
    }

    private static string Spec(string body) => $$"""
        using System;
        using Rollout.Dsl;

        namespace Service.Specs;

        public static class Checkout
        {
            [RolloutSpec]
            public static RolloutPlan Plan() => {{body}};
        }
        """;

    internal static void AssertNoHostFailed(HarnessResult result) =>
        Assert.True(result.Failures.Count == 0, string.Join("\n", result.Failures));

    internal static string TextOf(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
}
