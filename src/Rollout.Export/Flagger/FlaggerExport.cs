using System;
using System.Collections.Generic;
using System.Linq;
using Rollout.Dsl;
using Rollout.Dsl.Text;
using Rollout.Export.Plan;
using Rollout.Export.Yaml;

namespace Rollout.Export.Flagger;

/// <summary>
/// A plan as a Flagger <c>Canary</c> (stepWeights from the stages) and one <c>MetricTemplate</c> per metric.
/// Flagger has one interval and one set of metric checks for all steps, and any failed check counts toward
/// rollback, so where the plan differs per stage the export takes the safer side and says so:
/// <list type="bullet">
/// <item>interval: the longest observation window or entry wait of the plan;</item>
/// <item>each metric's range: the strictest of all its gates and stop-losses (a value passes only if it passes all);</item>
/// <item>threshold 1: the first failed check rolls back, at the next tick (a missed gate rolls back instead of holding);</item>
/// <item>point of no return: the analysis ends at the last stage before it and a person opens a confirm-promotion gate;
/// Flagger never rolls back after promotion, so stages between the point and 100 % are skipped.</item>
/// </list>
/// </summary>
public static class FlaggerExport
{
    public const string Engine = "flagger";

    private const string ApiVersion = "flagger.app/v1beta1";

    /// <summary>The Canary and its MetricTemplates for <paramref name="plan"/>; <paramref name="flagger"/> defaults to no provider, no Secret and the flagger-loadtester gate.</summary>
    public static ExportResult Export(RolloutPlan plan, KubernetesOptions options, FlaggerOptions? flagger = null)
    {
        options.Validate();
        flagger ??= new FlaggerOptions();
        flagger.Validate();
        var workload = options.WorkloadFor(plan.Id);
        var service = options.Service ?? new ServiceRef(workload.Name, 80);
        var shape = PlanShape.Of(plan);
        var warnings = PlanNotes.Warnings(shape).ToList();

        var analyzed = shape.Stages.Where(s => !shape.IsPastPointOfNoReturn(s) && shape.Weight(s) < 100).ToList();
        if (analyzed.Count == 0)
            throw new ExportException("Plan '" + plan.Id + "' has no stage below 100 % before its point of no return, and Flagger rolls back automatically during every analysis step; use `rollout export argo`.");

        var interval = Interval(shape, analyzed, warnings);
        var metrics = new YamlSeq();
        var templates = new List<ExportedObject>();
        var gates = analyzed.SelectMany(s => s.Stage.AdvanceWhen).ToList();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var metric in PlanShape.Metrics(plan))
        {
            var range = ThresholdRange.Any;
            foreach (var gate in gates.Where(g => g.Metric.Name == metric.Name)) range = range.Intersect(ThresholdRange.Passing(gate));
            foreach (var stopLoss in plan.StopLosses.Where(s => s.When.Metric.Name == metric.Name)) range = range.Intersect(ThresholdRange.NotCrossed(stopLoss.When));
            if (range == ThresholdRange.Any) continue; // only gated in stages past the point of no return
            var slug = KubeName.Unique(KubeName.Of(metric.Name, "metric"), taken);
            var templateName = plan.Id + "-" + slug;
            templates.Add(new ExportedObject(ApiVersion, "MetricTemplate", templateName, new YamlMap()
                .Add("apiVersion", ApiVersion)
                .Add("kind", "MetricTemplate")
                .Add("metadata", PlanNotes.Metadata(templateName, options, new YamlMap().Add(PlanNotes.Prefix + "metric", metric.Name), plan))
                .Add("spec", new YamlMap()
                    .Add("provider", Provider(options, flagger))
                    .Add("query", shape.QueryWith(metric, "{{ interval }}")))));
            var templateRef = new YamlMap().Add("name", templateName).Add("namespace", options.Namespace);
            var thresholdRange = new YamlMap().Add("min", range.Min).Add("max", range.Max);
            metrics.Add(new YamlMap().Add("name", slug).Add("templateRef", templateRef).Add("thresholdRange", thresholdRange).Add("interval", EngineDuration.Flagger(interval)));
        }

        if (gates.Count > 0)
            warnings.Add(new ExportWarning(ExportWarningKind.Approximation, "advance gates",
                "Flagger has no hold: a missed advance gate is a failed check, and the first failed check rolls back (threshold 1)."));
        foreach (var stopLoss in plan.StopLosses.Where(s => s.Action == StopLossAction.Halt))
            warnings.Add(new ExportWarning(ExportWarningKind.Approximation, "stop-loss " + PlanNotes.Condition(stopLoss.When),
                "Flagger cannot halt; crossing it rolls back."));
        if (StrictestDiffers(shape, analyzed))
            warnings.Add(new ExportWarning(ExportWarningKind.Approximation, "thresholds",
                "Flagger checks the same ranges at every step; each metric gets the strictest of its gates and stop-losses in every stage."));

        warnings.AddRange(EngineWarnings(interval, flagger));

        var analysis = new YamlMap()
            .Add("interval", EngineDuration.Flagger(interval))
            .Add("threshold", 1)
            .Add("stepWeights", new YamlSeq(analyzed.Select(s => (object)shape.Weight(s))))
            .Add("metrics", metrics);
        if (shape.PointOfNoReturn is { } point)
        {
            var gateUrl = flagger.GateUrl ?? "http://flagger-loadtester." + (options.Namespace ?? "default") + "/gate/check";
            analysis.Add("webhooks", new YamlSeq().Add(new YamlMap().Add("name", "point-of-no-return").Add("type", "confirm-promotion").Add("url", gateUrl)));
            var skipped = shape.Stages.Where(s => s.Index >= point && shape.Weight(s) < 100).ToList();
            var last = analyzed[analyzed.Count - 1];
            warnings.Add(new ExportWarning(ExportWarningKind.Guarantee, "point of no return",
                "the analysis ends at stage " + last.Stage.Name + " (" + shape.Weight(last) + " %); promotion waits for a person with authority to open the gate at "
                + gateUrl + ", and Flagger never rolls back after promotion; the forward-fix path is in annotation " + PlanNotes.Prefix + "forward-fix."));
            // pkg/controller/scheduler.go advanceCanary → runCanary → runConfirmPromotionHooks: the gate is asked once a tick.
            warnings.Add(new ExportWarning(ExportWarningKind.Approximation, "promotion gate",
                "Flagger asks the confirm-promotion gate once per interval, so promotion comes up to one interval (" + Invariant.Duration(interval) + ") after the person opens it."));
            if (skipped.Count > 0)
                warnings.Add(new ExportWarning(ExportWarningKind.Approximation, "point of no return",
                    "Flagger rolls back automatically during every analysis step, so it cannot hold " + string.Join(", ", skipped.Select(s => "stage " + s.Stage.Name + " (" + shape.Weight(s) + " %)"))
                    + " past the point of no return; the export promotes from " + shape.Weight(last) + " % to 100 % instead. Use `rollout export argo` to hold them."));
        }

        var canary = new ExportedObject(ApiVersion, "Canary", plan.Id, new YamlMap()
            .Add("apiVersion", ApiVersion)
            .Add("kind", "Canary")
            .Add("metadata", PlanNotes.Metadata(plan.Id, options, PlanNotes.Annotations(shape), plan))
            .Add("spec", new YamlMap()
                .Add("provider", flagger.MeshProvider)
                .Add("targetRef", new YamlMap().Add("apiVersion", "apps/v1").Add("kind", workload.Kind).Add("name", workload.Name))
                .Add("service", new YamlMap().Add("name", service.Name).Add("port", service.Port))
                .Add("analysis", analysis)));
        return new ExportResult(Engine, plan.Id, templates.Append(canary).ToList(), warnings);
    }

    // Flagger's own rules that no field of the Canary changes, cited from fluxcd/flagger v1.44.0.
    /// <summary>
    /// The MetricTemplate's provider. With a Secret, Flagger reads its <c>username</c> and <c>password</c> keys and sends them as
    /// basic auth on every query (pkg/metrics/providers/prometheus.go, NewPrometheusProvider and RunQuery).
    /// </summary>
    private static YamlMap Provider(KubernetesOptions options, FlaggerOptions flagger)
    {
        var provider = new YamlMap().Add("type", "prometheus").Add("address", options.PrometheusAddress);
        if (flagger.PrometheusSecret is { } secret) provider.Add("secretRef", new YamlMap().Add("name", secret));
        return provider;
    }

    private static IEnumerable<ExportWarning> EngineWarnings(TimeSpan interval, FlaggerOptions options)
    {
        // pkg/controller/scheduler.go advanceCanary: the FailedChecks >= threshold test (rollback) runs before this tick's
        // analysis; a failed check only increments FailedChecks and returns, so the rollback comes one tick later.
        yield return new ExportWarning(ExportWarningKind.Approximation, "stop-loss timing",
            "Flagger counts a failed check at one tick and rolls back at the next: a crossed stop-loss rolls back one interval (" + Invariant.Duration(interval) + ") after it is measured, not at once.");
        // pkg/metrics/providers/prometheus.go RunQuery: no series or NaN is ErrNoValuesFound, several series the last one read;
        // pkg/controller/scheduler_metrics.go runMetricChecks: any query error fails the check.
        yield return new ExportWarning(ExportWarningKind.Approximation, "missing data",
            "a query with no value, a NaN or an error fails Flagger's check, and a failed check rolls back: missing data and an unreachable Prometheus roll back instead of holding; with several series Flagger reads the last one.");
        // pkg/controller/scheduler.go advanceCanary: provider = the controller's -mesh-provider unless spec.provider is set;
        // with "kubernetes" it forces blue/green (iterations 10) and ignores stepWeights.
        if (options.MeshProvider is null)
            yield return new ExportWarning(ExportWarningKind.Approximation, "provider",
                "the Canary names no provider (--mesh-provider), so Flagger uses the one it was started with; if that is kubernetes, it ignores the stage weights and runs blue/green with 10 iterations.");
        else if (options.MeshProvider == "kubernetes")
            yield return new ExportWarning(ExportWarningKind.Approximation, "provider",
                "provider kubernetes cannot shift traffic by weight: Flagger ignores the stage weights and runs blue/green with 10 iterations.");
    }

    // The longest wait of the analyzed stages (observation window, or the entry wait of the stage after); one interval for all.
    private static TimeSpan Interval(PlanShape shape, IReadOnlyList<StageShape> analyzed, List<ExportWarning> warnings)
    {
        var waits = new List<(string What, TimeSpan Wait)>();
        foreach (var stage in analyzed)
        {
            waits.Add(("stage " + stage.Stage.Name + " observation", shape.GateWindow(stage)));
            if (stage.Index + 1 < shape.Stages.Count && shape.Stages[stage.Index + 1].Stage.After is { } soak)
                waits.Add(("entry wait of stage " + shape.Stages[stage.Index + 1].Stage.Name, soak.Duration));
        }
        var longest = waits.Max(w => w.Wait);
        if (waits.Any(w => w.Wait != longest))
            warnings.Add(new ExportWarning(ExportWarningKind.Approximation, "interval",
                "Flagger has one interval for all steps; every step lasts the longest wait, " + Invariant.Duration(longest) + " (" + string.Join(", ", waits.Select(w => w.What + " " + Invariant.Duration(w.Wait))) + ")."));
        if (shape.Plan.StopLosses.Count > 0 && longest != shape.StopLossEvery)
            warnings.Add(new ExportWarning(ExportWarningKind.Approximation, "stop-loss cadence",
                "Flagger checks stop-losses once per interval, every " + Invariant.Duration(longest) + " over the last " + Invariant.Duration(longest)
                + ", not every " + Invariant.Duration(shape.StopLossEvery) + " over " + Invariant.Duration(shape.StopLossWindow) + "."));
        return longest;
    }

    private static bool StrictestDiffers(PlanShape shape, IReadOnlyList<StageShape> analyzed)
    {
        foreach (var metric in PlanShape.Metrics(shape.Plan))
        {
            var perStage = analyzed.Select(s => s.Stage.AdvanceWhen.Where(g => g.Metric.Name == metric.Name).ToList()).ToList();
            if (perStage.Any(g => g.Count > 0) && perStage.Select(g => string.Join("|", g)).Distinct().Count() > 1) return true;
        }
        return false;
    }
}
