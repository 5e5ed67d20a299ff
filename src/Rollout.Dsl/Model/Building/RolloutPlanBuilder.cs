using System;

namespace Rollout.Dsl;

/// <summary>Fluent builder for a <see cref="RolloutPlan"/>; converts to the plan implicitly.</summary>
public sealed class RolloutPlanBuilder : IPlanBuilder
{
    private RolloutPlan _plan;

    internal RolloutPlanBuilder(string id, SpecSource source)
    {
        _plan = new RolloutPlan { Id = id ?? throw new ArgumentNullException(nameof(id)), Source = source };
        LastWrite = new PlanWrite(PlanPath.Plan, PlanPath.Plan.Id);
    }

    /// <summary>What the last call wrote (at first: the plan and its id, written by <see cref="RolloutPlan.Create"/>).</summary>
    internal PlanWrite LastWrite { get; private set; }

    PlanWrite? IPlanBuilder.LastWrite => LastWrite;

    /// <summary>A human title for the runbook header.</summary>
    public RolloutPlanBuilder Title(string title)
    {
        _plan = _plan with { Title = title ?? throw new ArgumentNullException(nameof(title)) };
        return Wrote(PlanPath.Plan.Title);
    }

    /// <summary>The team that owns the rollout.</summary>
    public RolloutPlanBuilder Owner(string team)
    {
        _plan = _plan with { Owner = team ?? throw new ArgumentNullException(nameof(team)) };
        return Wrote(PlanPath.Plan.Owner);
    }

    /// <summary>What the change touches: payment flow, permission model, schema, persistent data...</summary>
    public RolloutPlanBuilder Touches(params Surface[] surfaces)
    {
        _plan = _plan with { Touches = _plan.Touches.AddingAll(surfaces ?? throw new ArgumentNullException(nameof(surfaces))) };
        return Wrote(PlanPath.Plan.Touches);
    }

    /// <summary>Adds the next stage; stages run in the order written.</summary>
    public RolloutPlanBuilder Stage(string name, Action<StageBuilder> configure)
    {
        var path = PlanPath.Plan.Stage(_plan.Stages.Count);
        var stage = new StageBuilder(name ?? throw new ArgumentNullException(nameof(name)), path);
        (configure ?? throw new ArgumentNullException(nameof(configure)))(stage);
        _plan = _plan with { Stages = _plan.Stages.Adding(stage.Build()) };
        return Wrote(path);
    }

    /// <summary>A threshold that, once crossed, triggers <paramref name="action"/> with no discussion.</summary>
    public RolloutPlanBuilder StopLoss(Condition threshold, StopLossAction action)
    {
        _plan = _plan with
        {
            StopLosses = _plan.StopLosses.Adding(new StopLoss { When = threshold ?? throw new ArgumentNullException(nameof(threshold)), Action = action }),
        };
        var path = PlanPath.Plan.StopLoss.At(_plan.StopLosses.Count - 1);
        LastWrite = new PlanWrite(path, path.When);
        return this;
    }

    /// <summary>
    /// How <paramref name="metric"/> is measured, once for every gate and stop-loss that uses it: a query (a
    /// constant string, e.g. from a shared <c>const</c> class) that returns one value in the metric's unit, with
    /// <c>$window</c> where the evaluation window goes. <paramref name="source"/> names the metric backend the query
    /// is written for: Prometheus unless said otherwise (<c>source: "datadog"</c>); tools that query only Prometheus
    /// refuse a plan measured elsewhere rather than send it the wrong dialect.
    /// </summary>
    public RolloutPlanBuilder Measure(Metric metric, string query, string source = Measurement.DefaultSource)
    {
        if (metric is null) throw new ArgumentNullException(nameof(metric));
        if (query is null) throw new ArgumentNullException(nameof(query));
        if (source is null) throw new ArgumentNullException(nameof(source));
        if (query.Trim().Length == 0) throw new ArgumentException("The query of metric '" + metric.Name + "' is empty; write the Prometheus query that returns its value.", nameof(query));
        if (source.Trim().Length == 0) throw new ArgumentException("The source of metric '" + metric.Name + "' is empty; name the metric backend its query is for, or leave source out for Prometheus.", nameof(source));
        _plan = _plan with { Measurements = _plan.Measurements.Adding(new Measurement { Metric = metric, Query = query, Source = source }) };
        return Wrote(PlanPath.Plan.Measurements.At(_plan.Measurements.Count - 1));
    }

    /// <summary>
    /// Stop-losses are evaluated every <paramref name="every"/> over the last <paramref name="window"/>.
    /// Without this call: every minute over the last 5 minutes (<see cref="StopLossEvaluation.Default"/>).
    /// </summary>
    public RolloutPlanBuilder EvaluateStopLosses(TimeSpan every, TimeSpan window)
    {
        if (every <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(every), "Stop-losses must be evaluated at a positive interval, e.g. TimeSpan.FromMinutes(1).");
        if (window <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(window), "The stop-loss window must be positive, e.g. TimeSpan.FromMinutes(5).");
        _plan = _plan with { StopLossEvaluation = new StopLossEvaluation { Every = every, Window = window } };
        return Wrote(PlanPath.Plan.StopLossEvaluation);
    }

    /// <summary>Defines the rollback steps, in the order they are executed.</summary>
    public RolloutPlanBuilder Rollback(Action<RollbackBuilder> configure)
    {
        var rollback = new RollbackBuilder(_plan.Rollback.Count);
        (configure ?? throw new ArgumentNullException(nameof(configure)))(rollback);
        _plan = _plan with { Rollback = _plan.Rollback.AddingAll(rollback.Steps) };
        return Wrote(PlanPath.Plan.Rollback);
    }

    /// <summary>Who may trigger a rollback, where it is announced and who is informed.</summary>
    public RolloutPlanBuilder Authority(Action<AuthorityBuilder> configure)
    {
        var authority = new AuthorityBuilder(_plan.Authority ?? new AuthorityRules());
        (configure ?? throw new ArgumentNullException(nameof(configure)))(authority);
        _plan = _plan with { Authority = authority.Build() };
        return Wrote(PlanPath.Plan.Authority);
    }

    /// <summary>For changes to persistent state: when forward repair replaces rollback as the default.</summary>
    public RolloutPlanBuilder PointOfNoReturn(Action<PointOfNoReturnBuilder> configure)
    {
        var point = new PointOfNoReturnBuilder();
        (configure ?? throw new ArgumentNullException(nameof(configure)))(point);
        _plan = _plan with { PointOfNoReturn = point.Build() };
        return Wrote(PlanPath.Plan.PointOfNoReturn);
    }

    /// <summary>The plan as written so far.</summary>
    public RolloutPlan Build() => _plan;

    private RolloutPlanBuilder Wrote(PlanPath part)
    {
        LastWrite = new PlanWrite(part);
        return this;
    }

    public static implicit operator RolloutPlan(RolloutPlanBuilder builder) =>
        (builder ?? throw new ArgumentNullException(nameof(builder))).Build();
}
