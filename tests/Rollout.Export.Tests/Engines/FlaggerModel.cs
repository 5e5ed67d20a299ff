using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Rollout.Export.Tests.Infrastructure;
using Rollout.Semantics;

namespace Rollout.Export.Tests.Engines;

/// <summary>
/// Flagger's canary scheduler reduced to what decides over time, run on the exported Canary and MetricTemplates.
/// Rules, from fluxcd/flagger v1.44.0:
/// <list type="bullet">
/// <item>pkg/controller/scheduler.go advanceCanary runs once per <c>analysis.interval</c>: first the rollback test
/// (FailedChecks ≥ threshold), then, at a weight above 0, the metric checks (a failure only increments FailedChecks and
/// returns), then runCanary: the next stepWeight (nextStepWeight), or at the last one the confirm-promotion webhook and
/// promotion.</item>
/// <item>pkg/controller/scheduler_metrics.go runMetricChecks: each metric's template query with {{ interval }} the
/// metric's interval; a query error, no value or a value outside thresholdRange (min and max inclusive) fails the check.</item>
/// <item>pkg/metrics/providers/prometheus.go RunQuery: no series or NaN is ErrNoValuesFound; with several series the
/// last one read is the value.</item>
/// </list>
/// The confirm-promotion gate opens when a person approves or promotes; an abort rolls back.
/// </summary>
public static class FlaggerModel
{
    public static DecisionTrace Run(string exportYaml, string planId, FakePrometheus prometheus, IEnumerable<HumanAction> actions, DateTimeOffset start, DateTimeOffset until)
    {
        var manifests = new Manifests(exportYaml);
        var canary = manifests.Single("Canary");
        var analysis = canary["spec"]!["analysis"]!;
        var interval = GoDuration.Parse((string)analysis["interval"]!);
        var threshold = (int)(long)analysis["threshold"]!;
        var weights = Manifests.Items(analysis["stepWeights"]).Select(w => (int)(long)w).ToList();
        var gated = Manifests.Items(analysis["webhooks"]).Any(w => (string?)w["type"] == "confirm-promotion");
        var stageNames = Manifests.StageNames(canary);
        var checks = Manifests.Items(analysis["metrics"]).Select(m => (
            Query: (string)manifests.Named("MetricTemplate", (string)m["templateRef"]!["name"]!)!["spec"]!["query"]!,
            Interval: GoDuration.Parse((string)m["interval"]!),
            Min: m["thresholdRange"]!["min"] is { } min ? Manifests.Number(min) : (double?)null,
            Max: m["thresholdRange"]!["max"] is { } max ? Manifests.Number(max) : (double?)null)).ToList();
        var ordered = actions.OrderBy(a => a.Time).ToList();

        var events = new List<TraceEvent>();
        var step = -1; // index into weights; weights.Count = promoted
        var failed = 0;
        var gateOpen = false;
        var waiting = false;
        string Stage() => step < 0 ? stageNames[0] : step < weights.Count ? stageNames[step] : stageNames[^1];
        void Record(DateTimeOffset t, TraceEventKind kind, string reason) => events.Add(new TraceEvent(t, Stage(), kind, reason));

        var final = Decision.Hold;
        var nextAction = 0;
        for (var now = start; now <= until; now += interval)
        {
            // People act between ticks: the gate opens, or an abort rolls back (kubectl / the loadtester's rollback hook).
            var aborted = false;
            while (nextAction < ordered.Count && ordered[nextAction].Time <= now)
            {
                var action = ordered[nextAction++];
                if (action.Kind == HumanActionKind.Abort) aborted = true;
                else gateOpen = true;
            }
            if (aborted)
            {
                Record(now, TraceEventKind.RollBack, "abort");
                final = Decision.RollBack;
                break;
            }
            if (failed >= threshold)
            {
                Record(now, TraceEventKind.RollBack, "failed checks threshold reached " + failed);
                final = Decision.RollBack;
                break;
            }
            if (step >= 0)
            {
                var passed = checks.All(c =>
                {
                    var answer = prometheus.Query(c.Query, now, c.Interval);
                    if (answer.Error || answer.Series.Length == 0) return false;
                    var value = answer.Series[^1];
                    if (double.IsNaN(value)) return false;
                    return (c.Min is not { } low || value >= low) && (c.Max is not { } high || value <= high);
                });
                if (!passed)
                {
                    failed++;
                    continue;
                }
            }
            if (step < weights.Count - 1)
            {
                if (step >= 0) Record(now, TraceEventKind.Advance, "canary weight " + weights[step + 1]);
                step++;
                Record(now, TraceEventKind.StageStarted, "canary weight " + weights[step]);
                continue;
            }
            if (gated && !gateOpen)
            {
                if (!waiting) Record(now, TraceEventKind.WaitingForPerson, "confirm-promotion gate closed");
                waiting = true;
                continue;
            }
            Record(now, TraceEventKind.Advance, "promotion");
            step = weights.Count;
            Record(now, TraceEventKind.StageStarted, "promoted: all traffic to the new version");
            Record(now, TraceEventKind.Completed, "promotion completed");
            final = Decision.Advance;
            break;
        }
        return new DecisionTrace(planId, start, until, events, final, Stage());
    }
}
