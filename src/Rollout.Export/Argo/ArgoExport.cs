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
/// <c>AnalysisTemplate</c>s. The engine rules each part relies on are cited in <see cref="ArgoMetrics"/> and docs/semantics.md.
/// <list type="bullet">
/// <item>Each stage is a <c>setWeight</c>, then an analysis step of its advance gates, each measured once over the
/// whole observation window and, while not met, again every stop-loss period: a miss holds the step (the run keeps
/// running), it never pauses the rollout as Inconclusive, so the stop-losses stay live during the hold.</item>
/// <item>An entry condition <c>After(...)</c> is a timed <c>pause</c> before the stage.</item>
/// <item>Stop-losses are a background analysis: a rollback stop-loss fails the run (abort, traffic back to stable),
/// a halt stop-loss is Inconclusive (pause). Missing data and query errors hold: they neither abort nor pause.</item>
/// <item>Point of no return: from there on every analysis runs in dry run (measured, never aborting) and every stage
/// ends in an indefinite pause. Before it the background analysis (which runs to the end) is in dry run too, so each
/// step before the point carries the stop-losses live itself, and the wait for a person before the point is an
/// analysis step of the live stop-losses that runs until a person promotes (kubectl argo rollouts promote moves a
/// rollout that is not paused to its next step: pkg/kubectl-argo-rollouts/cmd/promote getPatches).</item>
/// </list>
/// </summary>
public static class ArgoExport
{
    public const string Engine = "argo-rollouts";

    private const string ApiVersion = "argoproj.io/v1alpha1";

    /// <summary>The Rollout and its AnalysisTemplates for <paramref name="plan"/>; <paramref name="argo"/> defaults to no traffic router and scale-down progressively.</summary>
    public static ExportResult Export(RolloutPlan plan, KubernetesOptions options, ArgoOptions? argo = null)
    {
        options.Validate();
        argo ??= new ArgoOptions();
        var workload = options.WorkloadFor(plan.Id);
        if (workload.Kind != "Deployment")
            throw new ExportException("--workload " + workload + ": Argo Rollouts takes over a Deployment (workloadRef); use Deployment/<name>.");
        var shape = PlanShape.Of(plan);
        var warnings = PlanNotes.Warnings(shape).ToList();
        var templates = new List<ExportedObject>();
        var steps = new YamlSeq();
        var pointOfNoReturn = shape.PointOfNoReturn;
        var watchedSteps = pointOfNoReturn is not null && plan.StopLosses.Count > 0; // steps before the point carry the stop-losses
        var waitingForPerson = false; // the last step runs until a person promotes

        foreach (var stage in shape.Stages)
        {
            var past = shape.IsPastPointOfNoReturn(stage);
            var last = stage.Index == shape.Stages.Count - 1;
            var next = last ? null : shape.Stages[stage.Index + 1];
            if (stage.Index == 0 && stage.Stage.After is { } firstSoak)
                steps.Add(new YamlMap().Add("pause", new YamlMap().Add("duration", EngineDuration.Go(firstSoak.Duration))));
            if (stage.Index == pointOfNoReturn && !waitingForPerson)
            {
                steps.Add(watchedSteps && stage.Index > 0
                    ? AnalysisStep(Add(templates, Template(plan, "wait-" + stage.Slug, "stop-losses while waiting for a person before stage " + stage.Stage.Name, options,
                        StopLosses(shape, options, count: null))).Name, dryRun: null)
                    : new YamlMap().Add("pause", new YamlMap()));
            }
            steps.Add(new YamlMap().Add("setWeight", shape.Weight(stage)));
            waitingForPerson = false;

            // The time the stage must run: its window, or the next stage's soak counted from this stage's start,
            // whichever is longer (docs/semantics.md rule 4); then every gate must pass and every stop-loss be clear.
            var gates = stage.Stage.AdvanceWhen;
            var window = gates.Count > 0 ? shape.GateWindow(stage) : stage.Stage.Observe ?? TimeSpan.Zero;
            var required = next?.Stage.After is { } soak && soak.Duration > window ? soak.Duration : window;
            if (gates.Count > 0 || (!last && required > TimeSpan.Zero))
            {
                var metrics = gates.Select(gate => ArgoMetrics.HeldGate(shape, options, gate, window, shape.StopLossEvery))
                    .Concat(plan.StopLosses.Select(s => ArgoMetrics.Clear(shape, options, s, required))).ToList();
                if (watchedSteps && !last)
                {
                    // Stop-losses that end with the gates cannot be written (a metric ends by count or by its own
                    // successes), so they run until the run ends: the step also waits for a person.
                    metrics.AddRange(StopLosses(shape, options, count: null, pastPoint: past));
                    waitingForPerson = true;
                    if (next!.Index != pointOfNoReturn)
                        warnings.Add(new ExportWarning(ExportWarningKind.Approximation, "stage " + stage.Stage.Name,
                            "in a plan with a point of no return the stop-losses run inside the stage's analysis, which therefore ends only when a person promotes: the stage waits for a person even after its gates are met."));
                }
                var purpose = gates.Count > 0 ? "advance gates of stage " + stage.Stage.Name : "stop-losses clear after " + Invariant.Duration(required) + " at stage " + stage.Stage.Name;
                var template = Add(templates, Template(plan, gates.Count > 0 ? stage.Slug : stage.Slug + "-observe", purpose, options, Unique(metrics)));
                steps.Add(AnalysisStep(template.Name, dryRun: null));
            }
            // A stage without gates whose next stage has no soak waits for a person (docs/semantics.md, WaitForPerson),
            // unless the next stage is the point of no return, whose own wait comes next.
            if (!last && gates.Count == 0 && next!.Stage.After is null && next.Index != pointOfNoReturn && !waitingForPerson)
            {
                steps.Add(new YamlMap().Add("pause", new YamlMap()));
            }
        }

        var canary = new YamlMap();
        var service = options.Service?.Name ?? workload.Name;
        ArgoTraffic.Route(canary, options, argo.TrafficRouter, service, warnings);
        if (plan.StopLosses.Count > 0)
        {
            var stopLoss = Add(templates, Template(plan, "stop-loss", "stop-losses, watched from the first step to the last", options, StopLosses(shape, options, count: null, prefix: "")));
            var background = new YamlMap().Add("templates", new YamlSeq().Add(new YamlMap().Add("templateName", stopLoss.Name)));
            if (pointOfNoReturn is not null) background.Add("dryRun", DryRun(MetricNames(stopLoss)));
            canary.Add("analysis", background);
        }
        canary.Add("steps", steps);
        warnings.AddRange(HaltWarnings(shape));

        var spec = new YamlMap();
        spec.Add("replicas", options.Replicas);
        warnings.AddRange(ArgoTraffic.PodCountWarnings(shape, options, argo.TrafficRouter));
        spec.Add("workloadRef", new YamlMap().Add("apiVersion", "apps/v1").Add("kind", workload.Kind).Add("name", workload.Name).Add("scaleDown", ScaleDownPolicies.Name(argo.ScaleDown)))
            .Add("strategy", new YamlMap().Add("canary", canary));
        warnings.Add(ScaleDownWarning(argo.ScaleDown, workload));

        if (pointOfNoReturn is { } pnr)
        {
            var stage = shape.Stages[pnr];
            warnings.Add(new ExportWarning(ExportWarningKind.Guarantee, "point of no return",
                "the rollout waits before stage " + stage.Stage.Name + " (" + Invariant.Number(stage.Percent)
                + " %) until a person with authority promotes it (kubectl argo rollouts promote), the stop-losses live while it waits; from there on nothing aborts: a crossed stop-loss pauses the rollout (halt, forward fix) and each stage waits for a person to promote; the forward-fix path is in annotation "
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

    // A halt pauses the rollout (InconclusiveAnalysis); while that pause lasts rollout/analysis.go reconcileBackgroundAnalysisRun
    // returns before acting on the background run, and a step run that ended Inconclusive measures nothing more.
    private static IEnumerable<ExportWarning> HaltWarnings(PlanShape shape)
    {
        var stopLosses = shape.Plan.StopLosses;
        if (!stopLosses.Any(s => s.Action == StopLossAction.Halt) || !stopLosses.Any(s => s.Action == StopLossAction.Rollback)) yield break;
        yield return new ExportWarning(ExportWarningKind.Approximation, "halt",
            "a crossed halt stop-loss pauses the rollout, and while it is paused Argo acts on no analysis: a rollback stop-loss crossed during the halt rolls back only when a person promotes or aborts.");
    }

    // workloadRef.scaleDown (rollout/replicaset.go reconcileNewReplicaSet, rollout/sync.go): only on the Rollout's first revision.
    private static ExportWarning ScaleDownWarning(ScaleDownPolicy policy, Workload workload) => policy switch
    {
        ScaleDownPolicy.Progressively => new ExportWarning(ExportWarningKind.Guarantee, "workload",
            "scaleDown progressively: Deployment " + workload.Name + " shrinks as the Rollout's pods become ready and ends at 0 replicas, so it neither dilutes the canary's weight nor rolls pods itself when its template is edited (only on the Rollout's first revision: if that one fails, the Deployment keeps its pods)."),
        ScaleDownPolicy.OnSuccess => new ExportWarning(ExportWarningKind.Approximation, "workload",
            "scaleDown onsuccess: Deployment " + workload.Name + " keeps all its pods until the Rollout is healthy, so during the first rollout its pods serve beside the canary and dilute every weight."),
        _ => new ExportWarning(ExportWarningKind.Approximation, "workload",
            "scaleDown never: Deployment " + workload.Name + " keeps serving beside the Rollout, diluting every weight, and an edit to its pod template rolls all of its pods to the new version at once, bypassing the canary."),
    };

    private static IEnumerable<YamlMap> StopLosses(PlanShape shape, KubernetesOptions options, int? count, string prefix = "stop-loss-", bool pastPoint = false) =>
        shape.Plan.StopLosses.Select(stopLoss => ArgoMetrics.StopLoss(shape, options, stopLoss, count, prefix, pastPoint));

    private static ExportedObject Add(List<ExportedObject> templates, ExportedObject template)
    {
        templates.Add(template);
        return template;
    }

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

    private static ExportedObject Template(RolloutPlan plan, string suffix, string purpose, KubernetesOptions options, IEnumerable<YamlMap> metrics)
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
