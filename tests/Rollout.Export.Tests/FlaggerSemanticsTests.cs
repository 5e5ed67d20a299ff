using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Rollout.Dsl;
using Rollout.Export.Flagger;
using Rollout.Export.Tests.Infrastructure;

namespace Rollout.Export.Tests;

/// <summary>What the Flagger export does when Flagger runs it: templates, weights, the strictest ranges, the point of no return.</summary>
public class FlaggerSemanticsTests
{
    public static TheoryData<string> Exportable => new(ExportSamples.AllPlanIds.Where(id => id != "moment-only"));

    [Theory]
    [MemberData(nameof(Exportable))]
    public void Every_metric_template_referenced_exists_and_every_exported_one_is_used(string planId)
    {
        var manifests = new Manifests(ExportSamples.Flagger(planId).ToYaml());
        var metrics = Manifests.Items(manifests.Single("Canary")["spec"]!["analysis"]!["metrics"]).ToList();
        Assert.NotEmpty(metrics);
        foreach (var metric in metrics)
        {
            var reference = metric["templateRef"]!;
            var template = manifests.Named("MetricTemplate", (string)reference["name"]!);
            Assert.True(template is not null, "missing MetricTemplate " + reference["name"]);
            Assert.Equal((string?)template!["metadata"]!["namespace"], (string?)reference["namespace"]);
            Assert.DoesNotContain("$window", (string)template["spec"]!["query"]!);
            Assert.Contains("{{ interval }}", (string)template["spec"]!["query"]!);
        }
        Assert.Equal(manifests.All("MetricTemplate").Count(), metrics.Count);
    }

    [Theory]
    [MemberData(nameof(Exportable))]
    public void Step_weights_increase_below_100_and_promotion_takes_the_rest(string planId)
    {
        var plan = ExportSamples.Plan(planId);
        var weights = Manifests.Items(new Manifests(ExportSamples.Flagger(planId).ToYaml()).Single("Canary")["spec"]!["analysis"]!["stepWeights"]).Select(w => (long)w).ToList();
        Assert.NotEmpty(weights);
        Assert.True(weights.Zip(weights.Skip(1)).All(p => p.First < p.Second), string.Join(", ", weights));
        Assert.True(weights[^1] < 100);
        Assert.Equal(100, plan.Stages[^1].TrafficPercent);
        var pointIndex = plan.PointOfNoReturn?.AfterStage is { } after ? plan.Stages.ToList().FindIndex(s => s.Name == after) : plan.Stages.Count;
        Assert.Equal(plan.Stages.Take(pointIndex).Where(s => s.TrafficPercent < 100).Select(s => (long)Math.Ceiling(s.TrafficPercent!.Value)), weights);
    }

    [Theory]
    [MemberData(nameof(Exportable))]
    public void Each_metric_passes_exactly_where_every_gate_and_stop_loss_on_it_would(string planId)
    {
        var plan = ExportSamples.Plan(planId);
        var manifests = new Manifests(ExportSamples.Flagger(planId).ToYaml());
        var analyzed = AnalyzedStages(plan);
        foreach (var metric in Manifests.Items(manifests.Single("Canary")["spec"]!["analysis"]!["metrics"]))
        {
            var name = (string)manifests.Named("MetricTemplate", (string)metric["templateRef"]!["name"]!)!["metadata"]!["annotations"]!["rolloutdsl/metric"]!;
            var gates = analyzed.SelectMany(s => s.AdvanceWhen).Where(g => g.Metric.Name == name).ToList();
            var stopLosses = plan.StopLosses.Where(s => s.When.Metric.Name == name).ToList();
            Assert.True(gates.Count + stopLosses.Count > 0, name);
            foreach (var threshold in gates.Select(g => g.Threshold).Concat(stopLosses.Select(s => s.When.Threshold)))
            {
                foreach (var value in ArgoSemanticsTests.Probes(threshold))
                {
                    var expected = gates.All(g => ArgoSemanticsTests.Satisfies(g, value)) && stopLosses.All(s => !ArgoSemanticsTests.Satisfies(s.When, value));
                    Assert.True(expected == Passes(metric, value), name + " at " + value + ": expected " + (expected ? "pass" : "fail"));
                }
            }
        }
    }

    [Fact]
    public void The_sample_stop_loss_above_half_a_percent_fails_at_0_51_and_the_strictest_gate_decides_below_it()
    {
        var canary = new Manifests(ExportSamples.Flagger("new-checkout-flow").ToYaml()).Single("Canary");
        var errorRate = Manifests.Items(canary["spec"]!["analysis"]!["metrics"]).Single(m => (string?)m["name"] == "error-rate");
        Assert.False(Passes(errorRate, 0.51));
        Assert.False(Passes(errorRate, 0.49)); // the gate "below 0.1 %" is stricter and Flagger checks one range at every step
        Assert.False(Passes(errorRate, 0.1));
        Assert.True(Passes(errorRate, 0.099));
    }

    [Fact]
    public void The_interval_is_the_longest_wait_and_the_warnings_say_what_that_costs()
    {
        var result = ExportSamples.Flagger("new-checkout-flow");
        var analysis = new Manifests(result.ToYaml()).Single("Canary")["spec"]!["analysis"]!;
        Assert.Equal("1440m", (string?)analysis["interval"]); // 24 h entry wait of 'full' > 4 h > 30 min
        Assert.Equal(1L, (long)analysis["threshold"]!);
        Assert.Contains(result.Warnings, w => w.Subject == "interval" && w.Message.Contains("24 h"));
        Assert.Contains(result.Warnings, w => w.Subject == "stop-loss cadence");
        Assert.Contains(result.Warnings, w => w.Subject == "advance gates");
        Assert.True(result.HasApproximations);
    }

    [Theory]
    [InlineData("contact-dedup-job", "pilot", "half")]
    [InlineData("schema-at-second-stage", "one", "ten")]
    public void Past_the_point_of_no_return_Flagger_never_rolls_back_and_a_person_opens_the_promotion(string planId, string lastAnalyzed, string skipped)
    {
        var plan = ExportSamples.Plan(planId);
        var result = ExportSamples.Flagger(planId);
        var analysis = new Manifests(result.ToYaml()).Single("Canary")["spec"]!["analysis"]!;
        var lastWeight = (long)Math.Ceiling(plan.Stages.Single(s => s.Name == lastAnalyzed).TrafficPercent!.Value);
        // The analysis (the only phase in which Flagger rolls back) ends before the point of no return...
        Assert.Equal(lastWeight, (long)Manifests.Items(analysis["stepWeights"]).Last());
        // ...and promotion waits for a person.
        var hook = Assert.Single(Manifests.Items(analysis["webhooks"]));
        Assert.Equal("confirm-promotion", (string?)hook["type"]);
        Assert.Contains(result.Warnings, w => w.Kind == ExportWarningKind.Guarantee && w.Subject == "point of no return");
        Assert.Contains(result.Warnings, w => w.Kind == ExportWarningKind.Approximation && w.Message.Contains("stage " + skipped));
    }

    [Fact]
    public void A_plan_whose_point_of_no_return_comes_before_any_step_is_refused_for_Flagger()
    {
        var problem = Assert.Throws<ExportException>(() => ExportSamples.Flagger("moment-only"));
        Assert.Contains("use `rollout export argo`", problem.Message);
    }

    [Theory]
    [InlineData(Comparison.Below, 0.1)]
    [InlineData(Comparison.AtMost, 0.1)]
    [InlineData(Comparison.Above, 0.1)]
    [InlineData(Comparison.AtLeast, 0.1)]
    [InlineData(Comparison.Below, 400)]
    [InlineData(Comparison.AtLeast, 99.9)]
    public void A_strict_bound_is_the_next_double_so_inclusive_ranges_test_exactly_the_same(Comparison comparison, double threshold)
    {
        var condition = new Condition { Metric = new Metric { Name = "m", Unit = MetricUnit.Percent }, Comparison = comparison, Threshold = threshold };
        var gate = ThresholdRangeProbe.Passing(condition);
        var stopLoss = ThresholdRangeProbe.NotCrossed(condition);
        foreach (var value in ArgoSemanticsTests.Probes(threshold))
        {
            Assert.Equal(ArgoSemanticsTests.Satisfies(condition, value), gate(value));
            Assert.Equal(!ArgoSemanticsTests.Satisfies(condition, value), stopLoss(value));
        }
    }

    private static List<Stage> AnalyzedStages(RolloutPlan plan)
    {
        var point = plan.PointOfNoReturn?.AfterStage is { } after ? plan.Stages.ToList().FindIndex(s => s.Name == after) : plan.Stages.Count;
        return plan.Stages.Take(point).Where(s => s.TrafficPercent < 100).ToList();
    }

    // Flagger: a check passes while min <= value <= max.
    private static bool Passes(JsonNode metric, double value)
    {
        var range = metric["thresholdRange"]!;
        return (range["min"] is not { } min || value >= Manifests.Number(min)) && (range["max"] is not { } max || value <= Manifests.Number(max));
    }
}
