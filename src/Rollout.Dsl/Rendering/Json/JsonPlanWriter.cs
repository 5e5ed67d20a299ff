using System.Collections.Generic;
using System.Linq;
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
            .Property("schemaVersion", SchemaVersion)
            .Property("id", plan.Id)
            .OptionalProperty("title", plan.Title)
            .OptionalProperty("owner", plan.Owner)
            .StringArray("touches", plan.Touches.Select(JsonNames.Of));

        json.Name("stages").StartArray();
        foreach (var stage in plan.Stages) WriteStage(json, plan, stage);
        json.EndArray();

        json.Name("stopLoss").StartArray();
        foreach (var stopLoss in plan.StopLosses)
        {
            json.StartObject().Name("when");
            WriteCondition(json, plan, stopLoss.When, plan.StopLossEvaluation.Window);
            json.Property("action", JsonNames.Of(stopLoss.Action)).EndObject();
        }
        json.EndArray();

        json.Name("stopLossEvaluation").StartObject()
            .Property("every", Invariant.Iso8601(plan.StopLossEvaluation.Every))
            .Property("window", Invariant.Iso8601(plan.StopLossEvaluation.Window))
            .EndObject();

        json.Name("measurements").StartArray();
        foreach (var measurement in plan.Measurements)
        {
            json.StartObject()
                .Property("metric", measurement.Metric.Name)
                .Property("unit", JsonNames.Of(measurement.Metric.Unit))
                .Property("query", measurement.Query)
                .EndObject();
        }
        json.EndArray();

        json.Name("rollback").StartArray();
        foreach (var step in plan.Rollback) WriteRollbackStep(json, step);
        json.EndArray();

        if (plan.Authority is { } authority) WriteAuthority(json, authority);
        if (plan.PointOfNoReturn is { } point)
        {
            json.Name("pointOfNoReturn").StartObject()
                .OptionalProperty("afterStage", point.AfterStage)
                .OptionalProperty("moment", point.Moment)
                .OptionalProperty("forwardFix", point.ForwardFix)
                .OptionalProperty("owner", point.Owner)
                .EndObject();
        }
        if (plan.Source is { } source)
        {
            json.Name("source").StartObject()
                .Property("member", source.Member)
                .Property("file", source.File)
                .EndObject();
        }

        json.Name("readiness").StartArray();
        foreach (var result in readiness)
        {
            json.StartObject()
                .Property("rule", result.Rule.Id)
                .Property("title", result.Rule.Title)
                .Property("severity", JsonNames.Of(result.Rule.DefaultSeverity))
                .Property("status", result.Passes ? "pass" : "fail")
                .Name("findings").StartArray();
            foreach (var finding in result.Findings)
            {
                json.StartObject().Property("message", finding.Message).Property("path", finding.Path).EndObject();
            }
            json.EndArray().EndObject();
        }
        json.EndArray();

        return json.EndObject().ToString();
    }

    private static void WriteStage(JsonWriter json, RolloutPlan plan, Stage stage)
    {
        json.StartObject().Property("name", stage.Name);
        if (stage.TrafficPercent is not null || stage.Audience is not null)
        {
            json.Name("traffic").StartObject();
            if (stage.TrafficPercent is { } percent) json.Property("percent", percent);
            json.OptionalProperty("audience", stage.Audience).EndObject();
        }
        if (stage.Observe is { } observe) json.Property("observe", Invariant.Iso8601(observe));
        json.Name("advanceWhen").StartArray();
        var window = plan.GateWindowOf(stage);
        foreach (var gate in stage.AdvanceWhen) WriteCondition(json, plan, gate, window);
        json.EndArray();
        if (stage.After is { } after)
        {
            json.Name("after").StartObject()
                .Property("duration", Invariant.Iso8601(after.Duration))
                .OptionalProperty("note", after.Note)
                .EndObject();
        }
        json.StringArray("overrideBy", stage.OverrideBy.Select(role => role.Name)).EndObject();
    }

    /// <summary>A gate or stop-loss; with the query Prometheus runs for it (window filled in) when the metric is measured.</summary>
    private static void WriteCondition(JsonWriter json, RolloutPlan plan, Condition condition, System.TimeSpan window) =>
        json.StartObject()
            .Property("metric", condition.Metric.Name)
            .Property("unit", JsonNames.Of(condition.Metric.Unit))
            .Property("comparison", JsonNames.Of(condition.Comparison))
            .Property("threshold", condition.Threshold)
            .OptionalProperty("query", plan.MeasurementOf(condition.Metric)?.QueryOver(window))
            .EndObject();

    private static void WriteRollbackStep(JsonWriter json, RollbackStep step)
    {
        json.StartObject()
            .Property("kind", JsonNames.Of(step.Kind))
            .Property("target", step.Target);
        if (step.Takes is { } takes) json.Property("takes", Invariant.Iso8601(takes));
        json.Property("reversible", step.Reversible)
            .OptionalProperty("when", step.When)
            .OptionalProperty("owner", step.Owner)
            .OptionalProperty("runbook", step.Runbook)
            .OptionalProperty("scope", step.Scope)
            .EndObject();
    }

    private static void WriteAuthority(JsonWriter json, AuthorityRules authority)
    {
        json.Name("authority").StartObject().Name("mayTrigger").StartArray();
        foreach (var right in authority.Triggers)
        {
            json.StartObject().Property("role", right.Role.Name).Property("when", JsonNames.Of(right.When)).EndObject();
        }
        json.EndArray().StringArray("mayOverride", authority.Overrides.Select(role => role.Name));
        if (authority.Announcement is { } announcement)
        {
            json.Name("announce").StartObject()
                .Property("channel", announcement.Channel)
                .Property("within", Invariant.Iso8601(announcement.Within))
                .OptionalProperty("include", announcement.Include)
                .EndObject();
        }
        json.StringArray("inform", authority.Informed.Select(role => role.Name))
            .StringArray("signOff", authority.SignOff.Select(role => role.Name))
            .EndObject();
    }
}
