using System;
using System.Collections.Generic;
using System.Linq;
using Rollout.Dsl;
using Rollout.Dsl.Text;
using Rollout.Export.Plan;
using Rollout.Export.Yaml;

namespace Rollout.Export.Argo;

/// <summary>
/// A plan as an Argo Rollouts <c>Rollout</c> (canary strategy over the team's workload) and its
/// <c>AnalysisTemplate</c>s.
/// <list type="bullet">
/// <item>Each stage is a <c>setWeight</c>, then an analysis step of its advance gates measured over its observation
/// window. A gate that is not met is Inconclusive, which pauses the rollout (hold); it never aborts.</item>
/// <item>An entry condition <c>After(...)</c> is a timed <c>pause</c> before the stage.</item>
/// <item>Stop-losses are a background analysis: a rollback stop-loss fails the run (abort, traffic back to stable),
/// a halt stop-loss is Inconclusive (pause).</item>
/// <item>Point of no return: an indefinite <c>pause</c> before that stage (a person with authority promotes).
/// From there on every analysis runs in dry run (measured, never aborting) and every stage ends in an
/// indefinite pause. Before it, each stage's analysis carries the stop-losses live, since the background
/// analysis, which runs to the end, is in dry run.</item>
/// </list>
/// </summary>
public static class ArgoExport
{
    public const string Engine = "argo-rollouts";

    private const string ApiVersion = "argoproj.io/v1alpha1";

    public static ExportResult Export(RolloutPlan plan, ExportOptions options)
    {
        options.Validate();
        var workload = options.WorkloadFor(plan.Id);
        if (workload.Kind != "Deployment")
            throw new ExportException("--workload " + workload + ": Argo Rollouts takes over a Deployment (workloadRef); use Deployment/<name>.");
        var shape = PlanShape.Of(plan);
        var warnings = PlanNotes.Warnings(shape).ToList();
        var templates = new List<ExportedObject>();
        var steps = new YamlSeq();
        var pointOfNoReturn = shape.PointOfNoReturn;

        foreach (var stage in shape.Stages)
        {
            var past = shape.IsPastPointOfNoReturn(stage);
            if (stage.Stage.After is { } soak)
            {
                var beforePoint = pointOfNoReturn is { } point && stage.Index <= point;
                if (beforePoint && plan.StopLosses.Count > 0)
                {
                    // The background analysis only records (dry run) in this plan: the soak watches the stop-losses itself.
                    var entry = Template(plan, stage.Slug + "-entry", "stop-losses while waiting " + Invariant.Duration(soak.Duration) + " before stage " + stage.Stage.Name, options,
                        StopLossMetrics(shape, options, EngineDuration.CountOver(soak.Duration, shape.StopLossEvery), "stop-loss-"));
                    templates.Add(entry);
                    steps.Add(AnalysisStep(entry.Name, dryRun: null));
                }
                else
                {
                    steps.Add(new YamlMap().Add("pause", new YamlMap().Add("duration", EngineDuration.Go(soak.Duration))));
                }
            }
            if (stage.Index == pointOfNoReturn)
            {
                steps.Add(new YamlMap().Add("pause", new YamlMap()));
            }
            steps.Add(new YamlMap().Add("setWeight", shape.Weight(stage)));

            if (stage.Stage.AdvanceWhen.Count > 0)
            {
                var window = shape.GateWindow(stage);
                var metrics = stage.Stage.AdvanceWhen.Select(condition => GateMetric(shape, options, condition, window)).ToList();
                if (pointOfNoReturn is not null && !past)
                    metrics.AddRange(StopLossMetrics(shape, options, EngineDuration.CountOver(window, shape.StopLossEvery), "stop-loss-"));
                var template = Template(plan, stage.Slug, "advance gates of stage " + stage.Stage.Name, options, Unique(metrics));
                templates.Add(template);
                steps.Add(AnalysisStep(template.Name, past ? MetricNames(template) : null));
                if (past && stage.Index < shape.Stages.Count - 1) steps.Add(new YamlMap().Add("pause", new YamlMap()));
            }
            else if (stage.Stage.Observe is { } observe && stage.Index < shape.Stages.Count - 1)
            {
                steps.Add(new YamlMap().Add("pause", new YamlMap().Add("duration", EngineDuration.Go(observe))));
            }
        }

        var canary = new YamlMap();
        if (plan.StopLosses.Count > 0)
        {
            var stopLoss = Template(plan, "stop-loss", "stop-losses, watched from the first step to the last", options,
                StopLossMetrics(shape, options, count: null, prefix: ""));
            templates.Add(stopLoss);
            var background = new YamlMap().Add("templates", new YamlSeq().Add(new YamlMap().Add("templateName", stopLoss.Name)));
            if (pointOfNoReturn is not null) background.Add("dryRun", DryRun(MetricNames(stopLoss)));
            canary.Add("analysis", background);
        }
        canary.Add("steps", steps);

        var spec = new YamlMap();
        if (options.Replicas is { } replicas)
        {
            spec.Add("replicas", replicas);
            foreach (var warning in PodCountWeights(shape, replicas)) warnings.Add(warning);
        }
        else warnings.Add(new ExportWarning(ExportWarningKind.Approximation, "replicas",
            "--replicas was not given, so the Rollout runs Argo's default of 1 replica instead of the Deployment's count."));
        spec.Add("workloadRef", new YamlMap().Add("apiVersion", "apps/v1").Add("kind", workload.Kind).Add("name", workload.Name))
            .Add("strategy", new YamlMap().Add("canary", canary));

        if (pointOfNoReturn is { } pnr)
        {
            var stage = shape.Stages[pnr];
            warnings.Add(new ExportWarning(ExportWarningKind.Guarantee, "point of no return",
                "the rollout pauses without end before stage " + stage.Stage.Name + " (" + Invariant.Number(stage.Percent)
                + " %) until a person with authority promotes it; from there on every analysis runs in dry run (measured, never aborting) and each stage waits for a person to promote; the forward-fix path is in annotation "
                + PlanNotes.Prefix + "forward-fix."));
        }

        var rollout = new ExportedObject(ApiVersion, "Rollout", plan.Id, new YamlMap()
            .Add("apiVersion", ApiVersion)
            .Add("kind", "Rollout")
            .Add("metadata", PlanNotes.Metadata(plan.Id, options, PlanNotes.Annotations(shape), plan))
            .Add("spec", spec));
        var objects = templates.Append(rollout).ToList();
        return new ExportResult(Engine, plan.Id, objects, warnings);
    }

    // Without a traffic router (none is configured here) Argo reaches a weight by pod counts: canary pods = ceil(weight × replicas / 100).
    private static IEnumerable<ExportWarning> PodCountWeights(PlanShape shape, int replicas)
    {
        foreach (var stage in shape.Stages)
        {
            var weight = shape.Weight(stage);
            var pods = (int)Math.Ceiling(weight * replicas / 100.0);
            if (pods * 100 == weight * replicas) continue;
            yield return new ExportWarning(ExportWarningKind.Approximation, "stage " + stage.Stage.Name,
                "without a traffic router Argo sets weights by pod count: " + weight + " % of " + replicas + " replicas is " + pods
                + " canary pod(s), about " + Invariant.Number(Math.Round(pods * 100.0 / replicas, 1)) + " % of traffic; add trafficRouting to the Rollout for exact weights.");
        }
    }

    private static YamlMap GateMetric(PlanShape shape, ExportOptions options, Condition condition, TimeSpan window)
    {
        var (interval, count) = EngineDuration.Measurements(window);
        // Rates and latencies: each measurement covers its own interval, so all of them passing covers the window.
        // Counts: each measurement counts over the whole trailing window, so the last one is the window's total.
        var queryWindow = condition.Metric.Unit == MetricUnit.Count ? window : interval;
        return new YamlMap()
            .Add("name", KubeName.Of(condition.Metric.Name, "metric"))
            .Add("interval", EngineDuration.Go(interval))
            .Add("count", count)
            .Add("successCondition", ArgoCondition.Holds(condition))
            .Add("failureCondition", ArgoCondition.Never)
            .Add("provider", Prometheus(options, shape.Query(condition.Metric, queryWindow)));
    }

    private static IEnumerable<YamlMap> StopLossMetrics(PlanShape shape, ExportOptions options, int? count, string prefix) =>
        shape.Plan.StopLosses.Select(stopLoss =>
        {
            var metric = new YamlMap()
                .Add("name", prefix + KubeName.Of(stopLoss.When.Metric.Name, "metric"))
                .Add("interval", EngineDuration.Go(shape.StopLossEvery))
                .Add("count", count)
                .Add("successCondition", ArgoCondition.Fails(stopLoss.When))
                .Add("failureCondition", stopLoss.Action == StopLossAction.Rollback ? ArgoCondition.Holds(stopLoss.When) : ArgoCondition.Never)
                .Add("provider", Prometheus(options, shape.Query(stopLoss.When.Metric, shape.StopLossWindow)));
            return metric;
        });

    // Two conditions on one metric need two names in one template.
    private static List<YamlMap> Unique(IEnumerable<YamlMap> metrics)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var unique = new List<YamlMap>();
        foreach (var metric in metrics)
        {
            var name = (string)metric["name"]!;
            var uniqueName = KubeName.Unique(name, taken);
            if (uniqueName == name)
            {
                unique.Add(metric);
                continue;
            }
            var renamed = new YamlMap();
            foreach (var entry in metric.Entries) renamed.Add(entry.Key, entry.Key == "name" ? uniqueName : entry.Value);
            unique.Add(renamed);
        }
        return unique;
    }

    private static YamlMap Prometheus(ExportOptions options, string query) =>
        new YamlMap().Add("prometheus", new YamlMap().Add("address", options.PrometheusAddress).Add("query", query));

    private static ExportedObject Template(RolloutPlan plan, string suffix, string purpose, ExportOptions options, IEnumerable<YamlMap> metrics)
    {
        var name = plan.Id + "-" + suffix;
        var manifest = new YamlMap()
            .Add("apiVersion", ApiVersion)
            .Add("kind", "AnalysisTemplate")
            .Add("metadata", PlanNotes.Metadata(name, options, new YamlMap().Add(PlanNotes.Prefix + "purpose", purpose), plan))
            .Add("spec", new YamlMap().Add("metrics", new YamlSeq(Unique(metrics))));
        return new ExportedObject(ApiVersion, "AnalysisTemplate", name, manifest);
    }

    private static YamlMap AnalysisStep(string template, IEnumerable<string>? dryRun)
    {
        var analysis = new YamlMap().Add("templates", new YamlSeq().Add(new YamlMap().Add("templateName", template)));
        if (dryRun is not null) analysis.Add("dryRun", DryRun(dryRun));
        return new YamlMap().Add("analysis", analysis);
    }

    private static YamlSeq DryRun(IEnumerable<string> metricNames) =>
        new(metricNames.Select(name => (object)new YamlMap().Add("metricName", name)));

    private static IEnumerable<string> MetricNames(ExportedObject template) =>
        ((YamlSeq)((YamlMap)template.Manifest["spec"]!)["metrics"]!).Items.Select(m => (string)((YamlMap)m)["name"]!);

}
