using System.Collections.Generic;
using System.Linq;
using Rollout.Dsl.Dialects;
using Rollout.Dsl.Rendering.Json;
using Rollout.Dsl.Rules;
using Rollout.Dsl.Text;

namespace Rollout.Dsl.Rendering;

/// <summary>Writes the machine-readable plan described by schemas/rollout-plan.v1.schema.json.</summary>
internal static class JsonPlanWriter
{
    public const int SchemaVersion = 1;

    /// <summary>
    /// The plan as indented JSON (schemaVersion 1) with its readiness checklist built from <paramref name="findings"/>
    /// (the plan's <see cref="Rules.RuleCatalog.Evaluate"/>); deterministic and culture-invariant.
    /// </summary>
    public static string Write(RolloutPlan plan, IReadOnlyList<Finding> findings)
    {
        if (plan is null) throw new System.ArgumentNullException(nameof(plan));
        var readiness = Readiness.Of(findings);
        var json = new JsonWriter();
        json.StartObject()
            .Property(PlanProperty.SchemaVersion, SchemaVersion)
            .Property(PlanProperty.Id, plan.Id)
            .OptionalProperty(PlanProperty.Title, plan.Title)
            .OptionalProperty(PlanProperty.Owner, plan.Owner)
            .StringArray(PlanProperty.Touches, plan.Touches.Select(JsonNames.Of));

        json.Name(PlanProperty.Stages).StartArray();
        foreach (var stage in plan.Stages) WriteStage(json, plan, stage);
        json.EndArray();

        json.Name(PlanProperty.StopLoss).StartArray();
        foreach (var stopLoss in plan.StopLosses)
        {
            json.StartObject().Name(PlanProperty.When);
            WriteCondition(json, plan, stopLoss.When, plan.StopLossEvaluation.Window);
            json.Property(PlanProperty.Action, JsonNames.Of(stopLoss.Action)).EndObject();
        }
        json.EndArray();

        json.Name(PlanProperty.StopLossEvaluation).StartObject()
            .Property(PlanProperty.Every, Invariant.Iso8601(plan.StopLossEvaluation.Every))
            .Property(PlanProperty.Window, Invariant.Iso8601(plan.StopLossEvaluation.Window))
            .EndObject();

        json.Name(PlanProperty.Measurements).StartArray();
        foreach (var measurement in plan.Measurements)
        {
            json.StartObject()
                .Property(PlanProperty.Metric, measurement.Metric.Name)
                .Property(PlanProperty.Unit, JsonNames.Of(measurement.Metric.Unit))
                .Property(PlanProperty.Query, measurement.Query)
                // Absent means the default, Prometheus: plans written before a measurement named its source keep their bytes.
                .OptionalProperty(PlanProperty.Source, measurement.Source == Measurement.DefaultSource ? null : measurement.Source)
                .EndObject();
        }
        json.EndArray();

        json.Name(PlanProperty.Rollback).StartArray();
        foreach (var step in plan.Rollback) WriteRollbackStep(json, step);
        json.EndArray();

        if (plan.Authority is { } authority) WriteAuthority(json, authority);
        if (plan.PointOfNoReturn is { } point)
        {
            json.Name(PlanProperty.PointOfNoReturn).StartObject()
                .OptionalProperty(PlanProperty.AfterStage, point.AfterStage)
                .OptionalProperty(PlanProperty.Moment, point.Moment)
                .OptionalProperty(PlanProperty.ForwardFix, point.ForwardFix)
                .OptionalProperty(PlanProperty.Owner, point.Owner)
                .EndObject();
        }
        if (plan.Source is { } source)
        {
            json.Name(PlanProperty.Source).StartObject()
                .Property(PlanProperty.Member, source.Member)
                .Property(PlanProperty.File, source.File)
                .EndObject();
        }

        json.Name(PlanProperty.Readiness).StartArray();
        foreach (var result in readiness)
        {
            json.StartObject()
                .Property(PlanProperty.Rule, result.Rule.Id)
                .Property(PlanProperty.Title, result.Rule.Title)
                .Property(PlanProperty.Severity, JsonNames.Of(result.Rule.DefaultSeverity))
                .Property(PlanProperty.Status, result.Passes ? "pass" : "fail")
                .Name(PlanProperty.Findings).StartArray();
            foreach (var finding in result.Findings)
            {
                json.StartObject().Property(PlanProperty.Message, finding.Message).Property(PlanProperty.Path, finding.Path).EndObject();
            }
            json.EndArray().EndObject();
        }
        json.EndArray();

        return json.EndObject().Finish();
    }

    private static void WriteStage(JsonWriter json, RolloutPlan plan, Stage stage)
    {
        json.StartObject().Property(PlanProperty.Name, stage.Name);
        if (stage.TrafficPercent is not null || stage.Audience is not null)
        {
            json.Name(PlanProperty.Traffic).StartObject();
            if (stage.TrafficPercent is { } percent) json.Property(PlanProperty.Percent, percent);
            json.OptionalProperty(PlanProperty.Audience, stage.Audience).EndObject();
        }
        if (stage.Observe is { } observe) json.Property(PlanProperty.Observe, Invariant.Iso8601(observe));
        json.Name(PlanProperty.AdvanceWhen).StartArray();
        var window = plan.GateWindowOf(stage);
        foreach (var gate in stage.AdvanceWhen) WriteCondition(json, plan, gate, window);
        json.EndArray();
        if (stage.After is { } after)
        {
            json.Name(PlanProperty.After).StartObject()
                .Property(PlanProperty.Duration, Invariant.Iso8601(after.Duration))
                .OptionalProperty(PlanProperty.Note, after.Note)
                .EndObject();
        }
        json.StringArray(PlanProperty.OverrideBy, stage.OverrideBy.Select(role => role.Name)).EndObject();
    }

    /// <summary>A gate or stop-loss; with the query Prometheus runs for it (window filled in) when the metric is measured in Prometheus.</summary>
    private static void WriteCondition(JsonWriter json, RolloutPlan plan, Condition condition, System.TimeSpan window) =>
        json.StartObject()
            .Property(PlanProperty.Metric, condition.Metric.Name)
            .Property(PlanProperty.Unit, JsonNames.Of(condition.Metric.Unit))
            .Property(PlanProperty.Comparison, JsonNames.Of(condition.Comparison))
            .Property(PlanProperty.Threshold, condition.Threshold)
            .OptionalProperty(PlanProperty.Query, plan.MeasurementOf(condition.Metric) is { } measurement && PrometheusDialect.IsFor(measurement) ? PrometheusDialect.QueryOver(measurement, window) : null)
            .EndObject();

    private static void WriteRollbackStep(JsonWriter json, RollbackStep step)
    {
        json.StartObject()
            .Property(PlanProperty.Kind, JsonNames.Of(step.Kind))
            .Property(PlanProperty.Target, step.Target);
        if (step.Takes is { } takes) json.Property(PlanProperty.Takes, Invariant.Iso8601(takes));
        json.Property(PlanProperty.Reversible, step.Reversible)
            .OptionalProperty(PlanProperty.When, step.When)
            .OptionalProperty(PlanProperty.Owner, step.Owner)
            .OptionalProperty(PlanProperty.Runbook, step.Runbook)
            .OptionalProperty(PlanProperty.Scope, step.Scope)
            .EndObject();
    }

    private static void WriteAuthority(JsonWriter json, AuthorityRules authority)
    {
        json.Name(PlanProperty.Authority).StartObject().Name(PlanProperty.MayTrigger).StartArray();
        foreach (var right in authority.Triggers)
        {
            json.StartObject().Property(PlanProperty.Role, right.Role.Name).Property(PlanProperty.When, JsonNames.Of(right.When)).EndObject();
        }
        json.EndArray().StringArray(PlanProperty.MayOverride, authority.Overrides.Select(role => role.Name));
        if (authority.Announcement is { } announcement)
        {
            json.Name(PlanProperty.Announce).StartObject()
                .Property(PlanProperty.Channel, announcement.Channel)
                .Property(PlanProperty.Within, Invariant.Iso8601(announcement.Within))
                .OptionalProperty(PlanProperty.Include, announcement.Include)
                .EndObject();
        }
        json.StringArray(PlanProperty.Inform, authority.Informed.Select(role => role.Name))
            .StringArray(PlanProperty.SignOff, authority.SignOff.Select(role => role.Name))
            .EndObject();
    }
}
