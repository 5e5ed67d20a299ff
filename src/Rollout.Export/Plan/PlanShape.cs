using System;
using System.Collections.Generic;
using System.Linq;
using Rollout.Dsl;
using Rollout.Dsl.Rules;

namespace Rollout.Export.Plan;

/// <summary>A stage with the name its objects carry.</summary>
internal sealed record StageShape(Stage Stage, int Index, string Slug)
{
    public double Percent => Stage.TrafficPercent ?? 0;
}

/// <summary>
/// What both engines need to know about a ready plan: stages with object names, where the point of
/// no return falls, and how each metric is measured.
/// </summary>
internal sealed class PlanShape
{
    private PlanShape(RolloutPlan plan, IReadOnlyList<StageShape> stages, int? pointOfNoReturn)
    {
        Plan = plan;
        Stages = stages;
        PointOfNoReturn = pointOfNoReturn;
    }

    public RolloutPlan Plan { get; }

    public IReadOnlyList<StageShape> Stages { get; }

    /// <summary>Index of the first stage after whose start nothing may roll back automatically; null without one.</summary>
    public int? PointOfNoReturn { get; }

    public TimeSpan StopLossEvery => Plan.StopLossEvaluation.Every;

    public TimeSpan StopLossWindow => Plan.StopLossEvaluation.Window;

    public bool IsPastPointOfNoReturn(StageShape stage) => PointOfNoReturn is { } point && stage.Index >= point;

    /// <summary>The window a stage's advance gates are measured over (the plan's rule, as for `rollout gate`).</summary>
    public TimeSpan GateWindow(StageShape stage) => Plan.GateWindowOf(stage.Stage);

    /// <summary>
    /// The engines' whole-percent weight: a fractional stage rounds up, so the stage is never skipped
    /// (the warning from <see cref="WeightWarnings"/> says so).
    /// </summary>
    public int Weight(StageShape stage) => (int)Math.Ceiling(stage.Percent);

    public IEnumerable<ExportWarning> WeightWarnings()
    {
        foreach (var stage in Stages.Where(s => s.Percent != Math.Floor(s.Percent)))
        {
            yield return new ExportWarning(ExportWarningKind.Approximation, "stage " + stage.Stage.Name,
                "engines set whole percents; " + Rollout.Dsl.Text.Invariant.Number(stage.Percent) + " % becomes " + Weight(stage) + " %.");
        }
    }

    /// <summary>The plan's query for <paramref name="metric"/> over <paramref name="window"/>.</summary>
    public string Query(Metric metric, TimeSpan window) => MetricQueries.Query(Plan, metric, window);

    /// <summary>The plan's query for <paramref name="metric"/> with the window written as <paramref name="window"/>.</summary>
    public string QueryWith(Metric metric, string window) => MetricQueries.QueryWith(Plan, metric, window);

    /// <summary>Refuses a plan that is not ready: an engine must never run a plan the build would reject.</summary>
    public static PlanShape Of(RolloutPlan plan)
    {
        var errors = plan.Validate().Where(f => f.Severity == RuleSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            var first = errors[0];
            throw new ExportException("Plan '" + plan.Id + "' is not ready: " + first.RuleId + " " + first.Message
                + (errors.Count > 1 ? " (and " + (errors.Count - 1) + " more; run `rollout validate`)" : ""));
        }

        var taken = new HashSet<string>(StringComparer.Ordinal) { "stop-loss" };
        var stages = plan.Stages.Select((stage, index) =>
            new StageShape(stage, index, KubeName.Unique(KubeName.Of(stage.Name, "stage-" + (index + 1)), taken))).ToList();

        int? point = null;
        if (plan.PointOfNoReturn is { } pointOfNoReturn)
        {
            // A moment in words cannot be placed on the engine's timeline: the whole rollout is treated as past it.
            point = pointOfNoReturn.AfterStage is { } after ? stages.First(s => s.Stage.Name == after).Index : 0;
            if (pointOfNoReturn.Moment is { Length: > 0 } && point > 0) point = 0;
        }

        foreach (var metric in Metrics(plan)) MetricQueries.Query(plan, metric, plan.StopLossEvaluation.Window);
        return new PlanShape(plan, stages, point);
    }

    /// <summary>Every metric a gate or stop-loss uses, first use first, each name once.</summary>
    public static IReadOnlyList<Metric> Metrics(RolloutPlan plan)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var metrics = new List<Metric>();
        foreach (var condition in plan.Stages.SelectMany(s => s.AdvanceWhen).Concat(plan.StopLosses.Select(s => s.When)))
        {
            if (seen.Add(condition.Metric.Name)) metrics.Add(condition.Metric);
        }
        return metrics;
    }
}
