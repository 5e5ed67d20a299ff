using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Rollout.Dsl;
using Rollout.Export.Tests.Infrastructure;

namespace Rollout.Export.Tests;

/// <summary>What the Argo Rollouts export does when Argo runs it: templates, weights, conditions evaluated, and the point of no return.</summary>
public class ArgoSemanticsTests
{
    public static TheoryData<string> AllIds => ExportSamples.AllIds;

    [Theory]
    [MemberData(nameof(AllIds))]
    public void Every_referenced_template_exists_and_gets_its_args(string planId)
    {
        var manifests = new Manifests(ExportSamples.Argo(planId).ToYaml());
        var references = Analyses(manifests.Single("Rollout")).SelectMany(a => Manifests.Items(a.Analysis["templates"]).Select(t => (t, a.Analysis))).ToList();
        Assert.NotEmpty(references);
        foreach (var (reference, analysis) in references)
        {
            var template = manifests.Named("AnalysisTemplate", (string)reference["templateName"]!);
            Assert.True(template is not null, "missing AnalysisTemplate " + reference["templateName"]);
            var supplied = Manifests.Items(analysis["args"]).Select(a => (string)a["name"]!).ToHashSet();
            foreach (var arg in Manifests.Items(template!["spec"]!["args"]).Where(a => a["value"] is null && a["valueFrom"] is null))
                Assert.Contains((string)arg["name"]!, supplied);
            foreach (var dryRun in Manifests.Items(analysis["dryRun"]))
                Assert.Contains((string)dryRun["metricName"]!, Metrics(manifests, analysis).Select(m => (string)m["name"]!));
        }
        // No template is exported without being used.
        Assert.Equal(manifests.All("AnalysisTemplate").Select(t => (string)t["metadata"]!["name"]!).OrderBy(n => n),
            references.Select(r => (string)r.t["templateName"]!).Distinct().OrderBy(n => n));
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void Weights_follow_the_stages_increase_and_end_at_100(string planId)
    {
        var plan = ExportSamples.Plan(planId);
        var steps = Steps(new Manifests(ExportSamples.Argo(planId).ToYaml()).Single("Rollout"));
        var weights = steps.Where(s => s["setWeight"] is not null).Select(s => (int)(long)s["setWeight"]!).ToList();
        Assert.Equal(plan.Stages.Select(s => (int)Math.Ceiling(s.TrafficPercent!.Value)), weights);
        Assert.True(weights.Zip(weights.Skip(1)).All(p => p.First < p.Second), string.Join(", ", weights));
        Assert.Equal(100, weights[^1]);
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void Each_gate_holds_exactly_where_the_plan_says_and_a_miss_holds_instead_of_aborting(string planId)
    {
        var plan = ExportSamples.Plan(planId);
        var manifests = new Manifests(ExportSamples.Argo(planId).ToYaml());
        foreach (var stage in plan.Stages.Where(s => s.AdvanceWhen.Count > 0))
        {
            var template = manifests.All("AnalysisTemplate").Single(t => (string?)t["metadata"]!["annotations"]!["rolloutdsl/purpose"] == "advance gates of stage " + stage.Name);
            foreach (var gate in stage.AdvanceWhen)
            {
                var metric = Manifests.Items(template["spec"]!["metrics"]).First(m => ((string)m["name"]!).Replace('-', '_') == gate.Metric.Name);
                foreach (var value in Probes(gate.Threshold))
                {
                    var phase = Phase(metric, value);
                    Assert.True(phase == (Satisfies(gate, value) ? MeasurementPhase.Successful : MeasurementPhase.Failed),
                        stage.Name + " " + gate + " at " + value + ": " + phase);
                }
                Assert.Equal(MeasurementPhase.Failed, Phase(metric));            // no series: not met
                Assert.Equal(MeasurementPhase.Failed, Phase(metric, 0, 0));      // two series: not met
                Assert.Equal(MeasurementPhase.Failed, Phase(metric, double.NaN));
                // A measurement that is not met never ends the metric (failureLimit -1) and is never Inconclusive (no
                // failureCondition), so the run keeps running: the step holds, and nothing pauses the stop-losses.
                Assert.Null(metric["failureCondition"]);
                Assert.Equal(-1L, (long?)metric["failureLimit"]);
                Assert.Equal(1L, (long?)metric["consecutiveSuccessLimit"]);
                Assert.Null(metric["count"]);
                Assert.Equal(int.MaxValue, (long?)metric["consecutiveErrorLimit"]);
                // Measured once over the whole window, after it: never looking before the stage began.
                var initialDelay = (string)metric["initialDelay"]!;
                Assert.Equal(plan.GateWindowOf(stage), GoDuration.Parse(initialDelay));
                Assert.Contains("[" + initialDelay + "]", (string)metric["provider"]!["prometheus"]!["query"]!);
            }
        }
    }

    [Theory]
    [MemberData(nameof(AllIds))]
    public void Each_stop_loss_rolls_back_or_halts_exactly_past_its_threshold(string planId)
    {
        var plan = ExportSamples.Plan(planId);
        var manifests = new Manifests(ExportSamples.Argo(planId).ToYaml());
        var template = manifests.Named("AnalysisTemplate", plan.Id + "-stop-loss")!;
        foreach (var stopLoss in plan.StopLosses)
        {
            var metric = Manifests.Items(template["spec"]!["metrics"]).First(m => ((string)m["name"]!).Replace('-', '_') == stopLoss.When.Metric.Name);
            var crossed = stopLoss.Action == StopLossAction.Rollback ? MeasurementPhase.Failed : MeasurementPhase.Inconclusive;
            foreach (var value in Probes(stopLoss.When.Threshold))
            {
                Assert.Equal(Satisfies(stopLoss.When, value) ? crossed : MeasurementPhase.Successful, Phase(metric, value));
            }
            // Missing data never acts: a rollback metric records it as Inconclusive under a limit no run reaches,
            // a halt metric (whose Inconclusive pauses) does not count it as a crossing.
            if (stopLoss.Action == StopLossAction.Rollback)
            {
                Assert.Equal(MeasurementPhase.Inconclusive, Phase(metric));
                Assert.Equal(int.MaxValue, (long?)metric["inconclusiveLimit"]);
            }
            else Assert.Equal(MeasurementPhase.Successful, Phase(metric));
            Assert.Equal(int.MaxValue, (long?)metric["consecutiveErrorLimit"]);
        }
    }

    [Fact]
    public void The_sample_stop_loss_above_half_a_percent_fails_at_0_51_and_passes_at_0_49()
    {
        var template = new Manifests(ExportSamples.Argo("new-checkout-flow").ToYaml()).Named("AnalysisTemplate", "new-checkout-flow-stop-loss")!;
        var errorRate = Manifests.Items(template["spec"]!["metrics"]).Single(m => (string?)m["name"] == "error-rate");
        Assert.Equal(MeasurementPhase.Failed, Phase(errorRate, 0.51));
        Assert.Equal(MeasurementPhase.Successful, Phase(errorRate, 0.49));
        Assert.Equal(MeasurementPhase.Successful, Phase(errorRate, 0.5));
    }

    [Theory]
    [InlineData("new-checkout-flow")]
    [InlineData("dark-mode-toggle")]
    public void Without_a_point_of_no_return_the_stop_losses_run_live_in_the_background(string planId)
    {
        var rollout = new Manifests(ExportSamples.Argo(planId).ToYaml()).Single("Rollout");
        var background = rollout["spec"]!["strategy"]!["canary"]!["analysis"]!;
        Assert.Null(background["dryRun"]);
        Assert.Null(background["startingStep"]);
        Assert.DoesNotContain(Steps(rollout), s => s["pause"] is JsonObject p && p["duration"] is null);
    }

    [Theory]
    [InlineData("contact-dedup-job", "half")]
    [InlineData("schema-at-second-stage", "ten")]
    [InlineData("moment-only", "some")]
    public void Past_the_point_of_no_return_nothing_aborts_automatically_and_before_it_the_stop_losses_still_do(string planId, string pointStage)
    {
        var plan = ExportSamples.Plan(planId);
        var manifests = new Manifests(ExportSamples.Argo(planId).ToYaml());
        var rollout = manifests.Single("Rollout");
        var steps = Steps(rollout);
        var weight = (int)Math.Ceiling(plan.Stages.Single(s => s.Name == pointStage).TrafficPercent!.Value);
        var point = steps.FindIndex(s => (long?)s["setWeight"] == weight);

        // A person with authority passes the point: the step before it never ends by itself — a pause without end, or
        // an analysis with a metric that runs until the run ends (no count, no success limit) — and, before a point
        // past the first stage, that wait keeps the rollback stop-losses live.
        Assert.True(point >= 1, "no step before stage " + pointStage);
        var wait = steps[point - 1];
        if (wait["pause"] is JsonObject pause) Assert.Null(pause["duration"]);
        else
        {
            var waitMetrics = Metrics(manifests, wait["analysis"]!).ToList();
            Assert.Contains(waitMetrics, m => m["count"] is null && m["consecutiveSuccessLimit"] is null);
            foreach (var stopLoss in plan.StopLosses.Where(s => s.Action == StopLossAction.Rollback))
                Assert.Contains(waitMetrics, m => m["count"] is null && Phase(m, Above(stopLoss.When)) == MeasurementPhase.Failed);
        }
        Assert.Equal(plan.StopLosses.Count > 0 && point > 1, wait["analysis"] is not null);

        // From there on (and in the background analysis, which runs to the end) no metric can abort: the background is a
        // dry run, and every other metric can neither fail its run (failureCondition false, or failureLimit -1) nor error it.
        foreach (var (index, analysis) in Analyses(rollout).Where(a => a.Index is null || a.Index >= point))
        {
            var dryRun = Manifests.Items(analysis["dryRun"]).Select(d => (string)d["metricName"]!).ToHashSet();
            foreach (var metric in Metrics(manifests, analysis).Where(m => !dryRun.Contains((string)m["name"]!)))
            {
                var where = "metric " + metric["name"] + " of the analysis at step " + (index?.ToString() ?? "background");
                Assert.True(index is not null, where + " is live in the background past the point of no return");
                Assert.True((string?)metric["failureCondition"] == "false" || (long?)metric["failureLimit"] == -1, where + " can fail its run");
                Assert.Equal(int.MaxValue, (long?)metric["consecutiveErrorLimit"]);
            }
        }

        // Past the point a crossed stop-loss, rollback ones included, halts (Inconclusive pauses the rollout) for the forward fix.
        foreach (var (index, analysis) in Analyses(rollout).Where(a => a.Index is { } i && i > point))
        {
            var live = Metrics(manifests, analysis).ToList();
            if (!live.Any(m => ((string)m["name"]!).StartsWith("stop-loss-", StringComparison.Ordinal))) continue;
            foreach (var stopLoss in plan.StopLosses)
                Assert.Contains(live, m => Phase(m, Above(stopLoss.When)) == MeasurementPhase.Inconclusive);
        }

        // Each stage past the point waits for a person before its traffic goes up: a pause without end, or an analysis
        // with a metric that only the run's end stops.
        var later = steps.Select((s, i) => (s, i)).Where(x => x.i > point && x.s["setWeight"] is not null).ToList();
        foreach (var (_, i) in later)
            Assert.Contains(steps.Take(i).Skip(point), s => (s["pause"] is JsonObject p && p["duration"] is null)
                || (s["analysis"] is { } a && Metrics(manifests, a).Any(m => m["count"] is null && m["consecutiveSuccessLimit"] is null)));

        // Before the point, a crossed rollback stop-loss still aborts: the guarantee is not bought by switching protection off.
        var rollbackStopLosses = plan.StopLosses.Where(s => s.Action == StopLossAction.Rollback).ToList();
        foreach (var (index, analysis) in Analyses(rollout).Where(a => a.Index is { } i && i < point))
        {
            var dryRun = Manifests.Items(analysis["dryRun"]).Select(d => (string)d["metricName"]!).ToHashSet();
            foreach (var stopLoss in rollbackStopLosses)
            {
                var live = Metrics(manifests, analysis).Where(m => !dryRun.Contains((string)m["name"]!)).ToList();
                Assert.Contains(live, m => Phase(m, Above(stopLoss.When)) == MeasurementPhase.Failed);
            }
        }
        Assert.Equal(rollbackStopLosses.Count > 0 && point > 1, Analyses(rollout).Any(a => a.Index < point));
        // Past the point, the forward-fix path is on the Rollout.
        Assert.Equal(plan.PointOfNoReturn!.ForwardFix + " (owner: " + plan.PointOfNoReturn.Owner + ")", (string?)rollout["metadata"]!["annotations"]!["rolloutdsl/forward-fix"]);
    }

    internal static bool Satisfies(Condition condition, double value) => condition.Comparison switch
    {
        Comparison.Below => value < condition.Threshold,
        Comparison.AtMost => value <= condition.Threshold,
        Comparison.Above => value > condition.Threshold,
        _ => value >= condition.Threshold,
    };

    // A value on the crossing side of a stop-loss.
    private static double Above(Condition condition) => condition.Comparison is Comparison.Above or Comparison.AtLeast ? condition.Threshold + 1 : condition.Threshold - 1;

    internal static IEnumerable<double> Probes(double threshold) => new[]
    {
        threshold, Math.BitDecrement(threshold), Math.BitIncrement(threshold), threshold - 0.01, threshold + 0.01, threshold * 0.99, threshold * 1.01,
        0, -1, 1e9,
    }.Distinct();

    private static MeasurementPhase Phase(JsonNode metric, params double[] result) =>
        ArgoMeasurement.Phase((string?)metric["successCondition"], (string?)metric["failureCondition"], result);

    private static List<JsonNode> Steps(JsonNode rollout) => Manifests.Items(rollout["spec"]!["strategy"]!["canary"]!["steps"]).ToList();

    // Step analyses with their step index, and the background analysis with index null.
    private static IEnumerable<(int? Index, JsonNode Analysis)> Analyses(JsonNode rollout)
    {
        if (rollout["spec"]!["strategy"]!["canary"]!["analysis"] is { } background) yield return (null, background);
        var steps = Steps(rollout);
        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i]["analysis"] is { } analysis) yield return (i, analysis);
        }
    }

    private static IEnumerable<JsonNode> Metrics(Manifests manifests, JsonNode analysis) =>
        Manifests.Items(analysis["templates"]).SelectMany(t => Manifests.Items(manifests.Named("AnalysisTemplate", (string)t["templateName"]!)!["spec"]!["metrics"]));
}
