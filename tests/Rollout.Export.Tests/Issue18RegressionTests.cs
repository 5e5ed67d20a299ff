using System;
using System.Collections.Generic;
using System.Linq;
using Rollout.Export.Argo;
using Rollout.Export.Flagger;
using Rollout.Export.Tests.Engines;
using Rollout.Export.Tests.Infrastructure;
using Rollout.Semantics;

namespace Rollout.Export.Tests;

/// <summary>
/// Issue 18, items 1–7: each divergence of the old exports, run on the engine models (or read off the manifests) so
/// that the old export fails the case. Times are minutes after <see cref="Scenarios.T0"/>.
/// </summary>
public class Issue18RegressionTests
{
    private static DateTimeOffset At(double minutes) => Scenarios.T0 + TimeSpan.FromMinutes(minutes);

    private static DecisionTrace Argo(string yaml, string planId, Scenarios.Points points, double untilMinutes, params HumanAction[] actions)
    {
        var plan = ExportSamples.Plan(planId);
        return ArgoModel.Run(yaml, planId, new FakePrometheus(plan, new MetricTimeline(points.All)), actions, Scenarios.T0, At(untilMinutes));
    }

    private static Scenarios.Points Healthy(string planId)
    {
        var points = new Scenarios.Points();
        foreach (var (metric, value) in Scenarios.Values(ExportSamples.Plan(planId))) points.Value(metric, At(-48 * 60), value);
        return points;
    }

    private static TraceEvent Single(DecisionTrace trace, TraceEventKind kind) => Assert.Single(trace.Events, e => e.Kind == kind);

    [Fact]
    public void Item1_Argo_a_held_gate_keeps_the_stop_losses_live()
    {
        // new-checkout-flow: the canary's error rate misses its gate (0.3 % ≥ 0.1 %) from the start, so the gate holds
        // past 30 min; at 45 min the error rate crosses the 0.5 % stop-loss. The old export paused as Inconclusive and
        // reconcileBackgroundAnalysisRun then ignored the background run: no rollback until a person promoted.
        var points = Healthy("new-checkout-flow").Value("error_rate", At(0), 0.3).Value("error_rate", At(45), 0.9);
        var trace = Argo(ExportSamples.Argo("new-checkout-flow").ToYaml(), "new-checkout-flow", points, 180);
        var rollBack = Single(trace, TraceEventKind.RollBack);
        Assert.InRange(rollBack.Time, At(45), At(47));
        Assert.Equal("canary", rollBack.Stage);
        Assert.DoesNotContain(trace.Events, e => e.Kind == TraceEventKind.Halt);
    }

    [Fact]
    public void Item2_Argo_a_stop_loss_crossed_while_waiting_for_a_person_before_the_point_of_no_return_rolls_back()
    {
        // contact-dedup-job: pilot passes its 2 h gates and waits for a person before 'half' (the point of no return);
        // at 3 h the false-merge rate crosses its rollback stop-loss. The old export's bare `pause: {}` watched nothing
        // live there (the background analysis is a dry run in a plan with a point of no return).
        var points = Healthy("contact-dedup-job").Value("false_merge_rate", At(180), 1.0);
        var trace = Argo(ExportSamples.Argo("contact-dedup-job").ToYaml(), "contact-dedup-job", points, 600);
        var rollBack = Single(trace, TraceEventKind.RollBack);
        Assert.InRange(rollBack.Time, At(180), At(190));
        Assert.Equal("pilot", rollBack.Stage);
    }

    [Fact]
    public void Item3_Argo_an_observation_window_is_the_plans_full_length_measured_within_the_stage()
    {
        // new-checkout-flow's canary observes 30 min; the old export's 10 × 3m started measuring at once, so the
        // stage advanced after 27 min, its first measurement looking at the 3 min before the stage began.
        var trace = Argo(ExportSamples.Argo("new-checkout-flow").ToYaml(), "new-checkout-flow", Healthy("new-checkout-flow"), 3000);
        var advance = trace.Events.First(e => e.Kind == TraceEventKind.Advance);
        Assert.Equal("canary", advance.Stage);
        Assert.InRange(advance.Time, At(30), At(31));
        // Every gate is first measured after its whole window, over exactly that window.
        var manifests = new Manifests(ExportSamples.Argo("new-checkout-flow").ToYaml());
        var canaryGates = Manifests.Items(manifests.Named("AnalysisTemplate", "new-checkout-flow-canary")!["spec"]!["metrics"]).Where(m => m["consecutiveSuccessLimit"] is not null && !((string)m["name"]!).StartsWith("clear-", StringComparison.Ordinal));
        Assert.All(canaryGates, m => Assert.Equal(TimeSpan.FromMinutes(30), GoDuration.Parse((string)m["initialDelay"]!)));
    }

    [Fact]
    public void Item4_Argo_the_Deployment_taken_over_is_scaled_down()
    {
        // Without scaleDown Argo never scales the Deployment down (rollout/replicaset.go, rollout/sync.go act only on
        // progressively / onsuccess): it keeps serving beside the canary and an edit rolls all its pods at once.
        foreach (var id in ExportSamples.AllPlanIds)
        {
            var workloadRef = new Manifests(ExportSamples.Argo(id).ToYaml()).Single("Rollout")["spec"]!["workloadRef"]!;
            Assert.Equal("progressively", (string?)workloadRef["scaleDown"]);
        }
    }

    [Fact]
    public void Item5_Argo_an_unreachable_Prometheus_holds_instead_of_aborting()
    {
        // new-checkout-flow: Prometheus fails every query from 10 to 25 min into the canary. With the old default
        // consecutiveErrorLimit (4, retried every 10 s) the stop-loss analysis errored within a minute and Argo aborted.
        var points = Healthy("new-checkout-flow");
        foreach (var metric in ExportSamples.MetricsOf(ExportSamples.Plan("new-checkout-flow")))
            points.Problem(metric.Name, At(10), TimelinePointKind.Error).Value(metric.Name, At(25), Scenarios.Values(ExportSamples.Plan("new-checkout-flow"))[metric.Name]);
        var trace = Argo(ExportSamples.Argo("new-checkout-flow").ToYaml(), "new-checkout-flow", points, 3000);
        Assert.DoesNotContain(trace.Events, e => e.Kind == TraceEventKind.RollBack);
        Assert.Equal(Decision.Advance, trace.Final);
    }

    [Fact]
    public void Item6_Flagger_a_late_rollback_no_data_and_a_missing_provider_are_stated_and_true()
    {
        var plan = ExportSamples.Plan("new-checkout-flow");
        var export = FlaggerExport.Export(plan, ExportSamples.Options);
        var warnings = export.Warnings.Where(w => w.Kind == ExportWarningKind.Approximation).ToList();
        Assert.Contains(warnings, w => w.Subject == "stop-loss timing");
        Assert.Contains(warnings, w => w.Subject == "missing data");
        Assert.Contains(warnings, w => w.Subject == "provider");
        var interval = GoDuration.Parse((string)new Manifests(export.ToYaml()).Single("Canary")["spec"]!["analysis"]!["interval"]!);

        // What they say is what Flagger does: a breach measured at a tick rolls back one interval later ...
        var breach = Healthy("new-checkout-flow").Value("error_rate", At(1), 0.9);
        var late = FlaggerModel.Run(export.ToYaml(), plan.Id, new FakePrometheus(plan, new MetricTimeline(breach.All)), Array.Empty<HumanAction>(), Scenarios.T0, At(3 * 24 * 60));
        Assert.Equal(Scenarios.T0 + interval + interval, Single(late, TraceEventKind.RollBack).Time);
        // ... and no data rolls back, where the reference holds.
        var gap = Healthy("new-checkout-flow").Problem("latency_p99", At(1), TimelinePointKind.Gap);
        var noData = FlaggerModel.Run(export.ToYaml(), plan.Id, new FakePrometheus(plan, new MetricTimeline(gap.All)), Array.Empty<HumanAction>(), Scenarios.T0, At(3 * 24 * 60));
        Assert.Equal(Decision.RollBack, noData.Final);
        var reference = Interpreter.Run(ReleaseProgram.Compile(plan), new MetricTimeline(gap.All), Array.Empty<HumanAction>(), Scenarios.T0, At(3 * 24 * 60));
        Assert.Equal(Decision.Hold, reference.Final);
        // The export's own comment no longer claims "at once".
        Assert.DoesNotContain("at once", export.ToYaml().Split('\n').First(l => l.Contains("stop-loss timing", StringComparison.Ordinal)).Replace("not at once", ""));
    }

    [Fact]
    public void Item7_Argo_one_percent_is_one_percent_with_a_traffic_router_and_said_plainly_without()
    {
        var plan = ExportSamples.Plan("new-checkout-flow");
        var routed = ArgoExport.Export(plan, ExportSamples.Options, new ArgoOptions { TrafficRouter = TrafficRouter.Parse("istio:checkout") });
        Assert.NotNull(new Manifests(routed.ToYaml()).Single("Rollout")["spec"]!["strategy"]!["canary"]!["trafficRouting"]!["istio"]);
        Assert.DoesNotContain(routed.Warnings, w => w.Message.Contains("pod count", StringComparison.Ordinal) || w.Subject == "replicas");

        // Without a router: 1 % of 10 replicas is a pod, about 10 %; the warning is an approximation (--strict refuses)
        // and names both ways out.
        var podCount = Assert.Single(ArgoExport.Export(plan, ExportSamples.Options).Warnings, w => w.Subject == "stage canary" && w.Message.Contains("pod count", StringComparison.Ordinal));
        Assert.Equal(ExportWarningKind.Approximation, podCount.Kind);
        Assert.Contains("--traffic-router", podCount.Message);
        Assert.Contains("a multiple of 100", podCount.Message);
        // Without --replicas the canary takes all traffic: said as such, not as "Argo's default of 1 replica".
        Assert.Contains("sends all traffic to the canary", Assert.Single(ArgoExport.Export(plan, ExportSamples.Options with { Replicas = null }).Warnings, w => w.Subject == "replicas").Message);
    }
}
