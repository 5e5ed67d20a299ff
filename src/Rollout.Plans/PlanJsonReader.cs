using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Rollout.Dsl;
using Rollout.Dsl.Rendering;
using Rollout.Dsl.Rendering.Json;
using Rollout.Dsl.Text;

namespace Rollout.Plans;

/// <summary>
/// Reads a plan document (schemaVersion 1) back into the <see cref="RolloutPlan"/> model, the inverse of
/// <see cref="JsonPlanWriter"/>: <c>JsonPlanWriter.Write(Read(json))</c> gives back <c>json</c> for every plan the writer wrote.
/// The readiness array is derived data and is not read; rules are evaluated again on the model.
/// A null threshold or percent (how the writer spells a non-finite number) reads as NaN.
/// </summary>
public static class PlanJsonReader
{
    public static RolloutPlan Read(JsonElement root)
    {
        Expect(root, JsonValueKind.Object, "");
        var version = Required(root, PlanProperty.SchemaVersion, "");
        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number != JsonPlanWriter.SchemaVersion)
        {
            throw new PlanFormatException(PlanProperty.SchemaVersion,
                "schemaVersion " + version.GetRawText() + " is not supported; this tool reads version " + JsonPlanWriter.SchemaVersion.ToString(CultureInfo.InvariantCulture)
                + ". Use the rollout tool released with the package that wrote the plan.");
        }
        return new RolloutPlan
        {
            Id = String(root, PlanProperty.Id, ""),
            Title = OptionalString(root, PlanProperty.Title, ""),
            Owner = OptionalString(root, PlanProperty.Owner, ""),
            Touches = Array(root, PlanProperty.Touches, "", (item, path) => Enum<Surface>(item, path)),
            Stages = Array(root, PlanProperty.Stages, "", ReadStage),
            StopLosses = Array(root, PlanProperty.StopLoss, "", (item, path) => new StopLoss
            {
                When = ReadCondition(Required(item, PlanProperty.When, path), Join(path, PlanProperty.When)),
                Action = Enum<StopLossAction>(Required(item, PlanProperty.Action, path), Join(path, PlanProperty.Action)),
            }),
            // Added within version 1: absent in older plans, which then have no measurements and the default evaluation.
            StopLossEvaluation = Optional(root, PlanProperty.StopLossEvaluation) is { } evaluation ? ReadStopLossEvaluation(evaluation, PlanProperty.StopLossEvaluation) : StopLossEvaluation.Default,
            Measurements = Optional(root, PlanProperty.Measurements) is not null ? Array(root, PlanProperty.Measurements, "", ReadMeasurement) : [],
            Rollback = Array(root, PlanProperty.Rollback, "", ReadRollbackStep),
            Authority = Optional(root, PlanProperty.Authority) is { } authority ? ReadAuthority(authority, PlanProperty.Authority) : null,
            PointOfNoReturn = Optional(root, PlanProperty.PointOfNoReturn) is { } point ? ReadPointOfNoReturn(point, PlanProperty.PointOfNoReturn) : null,
            Source = Optional(root, PlanProperty.Source) is { } source
                ? new SpecSource { Member = String(source, PlanProperty.Member, PlanProperty.Source), File = String(source, PlanProperty.File, PlanProperty.Source) }
                : null,
        };
    }

    private static Stage ReadStage(JsonElement stage, string path)
    {
        Expect(stage, JsonValueKind.Object, path);
        var traffic = Optional(stage, PlanProperty.Traffic);
        if (traffic is { } t) Expect(t, JsonValueKind.Object, Join(path, PlanProperty.Traffic));
        return new Stage
        {
            Name = String(stage, PlanProperty.Name, path),
            TrafficPercent = traffic is { } withPercent && Optional(withPercent, PlanProperty.Percent) is { } percent
                ? Number(percent, Join(Join(path, PlanProperty.Traffic), PlanProperty.Percent))
                : null,
            Audience = traffic is { } withAudience ? OptionalString(withAudience, PlanProperty.Audience, Join(path, PlanProperty.Traffic)) : null,
            Observe = Optional(stage, PlanProperty.Observe) is { } observe ? Duration(observe, Join(path, PlanProperty.Observe)) : null,
            AdvanceWhen = Array(stage, PlanProperty.AdvanceWhen, path, ReadCondition),
            After = Optional(stage, PlanProperty.After) is { } after
                ? new Soak
                {
                    Duration = Duration(Required(after, PlanProperty.Duration, Join(path, PlanProperty.After)), Join(Join(path, PlanProperty.After), PlanProperty.Duration)),
                    Note = OptionalString(after, PlanProperty.Note, Join(path, PlanProperty.After)),
                }
                : null,
            OverrideBy = Array(stage, PlanProperty.OverrideBy, path, ReadRole),
        };
    }

    private static Condition ReadCondition(JsonElement condition, string path)
    {
        Expect(condition, JsonValueKind.Object, path);
        return new Condition
        {
            Metric = ReadMetric(condition, path),
            Comparison = Enum<Comparison>(Required(condition, PlanProperty.Comparison, path), Join(path, PlanProperty.Comparison)),
            Threshold = Number(Required(condition, PlanProperty.Threshold, path), Join(path, PlanProperty.Threshold)),
        };
    }

    private static StopLossEvaluation ReadStopLossEvaluation(JsonElement evaluation, string path)
    {
        Expect(evaluation, JsonValueKind.Object, path);
        return new StopLossEvaluation
        {
            Every = Duration(Required(evaluation, PlanProperty.Every, path), Join(path, PlanProperty.Every)),
            Window = Duration(Required(evaluation, PlanProperty.Window, path), Join(path, PlanProperty.Window)),
        };
    }

    /// <summary>A measurement; a condition's "query" is not read, as the writer derives it from these and the windows.</summary>
    private static Measurement ReadMeasurement(JsonElement measurement, string path)
    {
        Expect(measurement, JsonValueKind.Object, path);
        return new Measurement
        {
            Metric = ReadMetric(measurement, path),
            Query = String(measurement, PlanProperty.Query, path),
            // Added within version 1: absent means the default source, Prometheus.
            Source = OptionalString(measurement, PlanProperty.Source, path) ?? Measurement.DefaultSource,
        };
    }

    /// <summary>The "metric" and "unit" of a condition or a measurement.</summary>
    private static Metric ReadMetric(JsonElement parent, string path) =>
        new() { Name = String(parent, PlanProperty.Metric, path), Unit = Enum<MetricUnit>(Required(parent, PlanProperty.Unit, path), Join(path, PlanProperty.Unit)) };

    private static RollbackStep ReadRollbackStep(JsonElement step, string path)
    {
        Expect(step, JsonValueKind.Object, path);
        var reversible = Required(step, PlanProperty.Reversible, path);
        if (reversible.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw Wrong(Join(path, PlanProperty.Reversible), "true or false", reversible);
        return new RollbackStep
        {
            Kind = Enum<RollbackKind>(Required(step, PlanProperty.Kind, path), Join(path, PlanProperty.Kind)),
            Target = String(step, PlanProperty.Target, path),
            Takes = Optional(step, PlanProperty.Takes) is { } takes ? Duration(takes, Join(path, PlanProperty.Takes)) : null,
            Reversible = reversible.GetBoolean(),
            When = OptionalString(step, PlanProperty.When, path),
            Owner = OptionalString(step, PlanProperty.Owner, path),
            Runbook = OptionalString(step, PlanProperty.Runbook, path),
            Scope = OptionalString(step, PlanProperty.Scope, path),
        };
    }

    private static AuthorityRules ReadAuthority(JsonElement authority, string path)
    {
        Expect(authority, JsonValueKind.Object, path);
        var announce = Optional(authority, PlanProperty.Announce);
        return new AuthorityRules
        {
            Triggers = Array(authority, PlanProperty.MayTrigger, path, (item, itemPath) =>
            {
                Expect(item, JsonValueKind.Object, itemPath);
                return new TriggerRight
                {
                    Role = ReadRole(Required(item, PlanProperty.Role, itemPath), Join(itemPath, PlanProperty.Role)),
                    When = Enum<Trigger>(Required(item, PlanProperty.When, itemPath), Join(itemPath, PlanProperty.When)),
                };
            }),
            Overrides = Array(authority, PlanProperty.MayOverride, path, ReadRole),
            Announcement = announce is { } a
                ? new Announcement
                {
                    Channel = String(a, PlanProperty.Channel, Join(path, PlanProperty.Announce)),
                    Within = Duration(Required(a, PlanProperty.Within, Join(path, PlanProperty.Announce)), Join(Join(path, PlanProperty.Announce), PlanProperty.Within)),
                    Include = OptionalString(a, PlanProperty.Include, Join(path, PlanProperty.Announce)),
                }
                : null,
            Informed = Array(authority, PlanProperty.Inform, path, ReadRole),
            SignOff = Array(authority, PlanProperty.SignOff, path, ReadRole),
        };
    }

    private static PointOfNoReturn ReadPointOfNoReturn(JsonElement point, string path)
    {
        Expect(point, JsonValueKind.Object, path);
        return new PointOfNoReturn
        {
            AfterStage = OptionalString(point, PlanProperty.AfterStage, path),
            Moment = OptionalString(point, PlanProperty.Moment, path),
            ForwardFix = OptionalString(point, PlanProperty.ForwardFix, path),
            Owner = OptionalString(point, PlanProperty.Owner, path),
        };
    }

    private static Role ReadRole(JsonElement role, string path) => Role.Named(Text(role, path));

    private static EquatableList<T> Array<T>(JsonElement parent, string name, string parentPath, Func<JsonElement, string, T> read)
    {
        var path = Join(parentPath, name);
        var array = Required(parent, name, parentPath);
        Expect(array, JsonValueKind.Array, path);
        var items = new List<T>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            items.Add(read(item, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]"));
            index++;
        }
        return EquatableList<T>.From(items);
    }

    private static T Enum<T>(JsonElement value, string path) where T : struct, System.Enum
    {
        var text = Text(value, path);
        if (JsonNames.TryParse<T>(text, out var parsed)) return parsed;
        throw new PlanFormatException(path, "'" + text + "' is not a known value; use one of " + string.Join(", ", JsonNames.NamesOf<T>()) + ".");
    }

    private static double Number(JsonElement value, string path)
    {
        if (value.ValueKind == JsonValueKind.Null) return double.NaN;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || double.IsInfinity(number))
        {
            throw Wrong(path, "a number", value);
        }
        return number;
    }

    private static TimeSpan Duration(JsonElement value, string path)
    {
        var text = Text(value, path);
        if (Invariant.TryParseIso8601(text, out var duration)) return duration;
        throw new PlanFormatException(path, "'" + text + "' is not a duration; write ISO 8601 days, hours, minutes and seconds such as PT30M, PT4H, P1DT2H or PT0.25S.");
    }

    private static string String(JsonElement parent, string name, string parentPath) => Text(Required(parent, name, parentPath), Join(parentPath, name));

    private static string? OptionalString(JsonElement parent, string name, string parentPath) =>
        Optional(parent, name) is { } value ? Text(value, Join(parentPath, name)) : null;

    private static string Text(JsonElement value, string path) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Wrong(path, "a string", value);

    private static JsonElement Required(JsonElement parent, string name, string parentPath)
    {
        Expect(parent, JsonValueKind.Object, parentPath);
        return parent.TryGetProperty(name, out var value)
            ? value
            : throw new PlanFormatException(parentPath, "required property '" + name + "' is missing.");
    }

    private static JsonElement? Optional(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? value : null;

    private static void Expect(JsonElement value, JsonValueKind kind, string path)
    {
        if (value.ValueKind != kind) throw Wrong(path, kind == JsonValueKind.Object ? "an object" : "an array", value);
    }

    private static PlanFormatException Wrong(string path, string expected, JsonElement actual) =>
        new(path, "expected " + expected + ", found " + actual.ValueKind.ToString().ToLowerInvariant() + ".");

    private static string Join(string parent, string member) => parent.Length == 0 ? member : parent + "." + member;
}
