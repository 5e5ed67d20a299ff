using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using Rollout.Dsl;
using Rollout.Dsl.Rendering;
using Rollout.Dsl.Rendering.Json;
using Rollout.Dsl.Text;

namespace Rollout.Cli.Plans;

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
        var version = Required(root, "schemaVersion", "");
        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number != JsonPlanWriter.SchemaVersion)
        {
            throw new PlanFormatException("schemaVersion",
                "schemaVersion " + version.GetRawText() + " is not supported; this tool reads version " + JsonPlanWriter.SchemaVersion.ToString(CultureInfo.InvariantCulture)
                + ". Use the rollout tool released with the package that wrote the plan.");
        }
        return new RolloutPlan(String(root, "id", ""))
        {
            Title = OptionalString(root, "title", ""),
            Owner = OptionalString(root, "owner", ""),
            Touches = Array(root, "touches", "", (item, path) => Enum<Surface>(item, path)),
            Stages = Array(root, "stages", "", ReadStage),
            StopLosses = Array(root, "stopLoss", "", (item, path) => new StopLoss(
                ReadCondition(Required(item, "when", path), Join(path, "when")),
                Enum<StopLossAction>(Required(item, "action", path), Join(path, "action")))),
            // Added within version 1: absent in older plans, which then have no measurements and the default evaluation.
            StopLossEvaluation = Optional(root, "stopLossEvaluation") is { } evaluation ? ReadStopLossEvaluation(evaluation, "stopLossEvaluation") : StopLossEvaluation.Default,
            Measurements = Optional(root, "measurements") is not null ? Array(root, "measurements", "", ReadMeasurement) : EquatableList<Measurement>.Empty,
            Rollback = Array(root, "rollback", "", ReadRollbackStep),
            Authority = Optional(root, "authority") is { } authority ? ReadAuthority(authority, "authority") : null,
            PointOfNoReturn = Optional(root, "pointOfNoReturn") is { } point ? ReadPointOfNoReturn(point, "pointOfNoReturn") : null,
            Source = Optional(root, "source") is { } source
                ? new SpecSource(String(source, "member", "source"), String(source, "file", "source"))
                : null,
        };
    }

    private static Stage ReadStage(JsonElement stage, string path)
    {
        Expect(stage, JsonValueKind.Object, path);
        var traffic = Optional(stage, "traffic");
        if (traffic is { } t) Expect(t, JsonValueKind.Object, Join(path, "traffic"));
        return new Stage(String(stage, "name", path))
        {
            TrafficPercent = traffic is { } withPercent && Optional(withPercent, "percent") is { } percent
                ? Number(percent, Join(path, "traffic.percent"))
                : null,
            Audience = traffic is { } withAudience ? OptionalString(withAudience, "audience", Join(path, "traffic")) : null,
            Observe = Optional(stage, "observe") is { } observe ? Duration(observe, Join(path, "observe")) : null,
            AdvanceWhen = Array(stage, "advanceWhen", path, ReadCondition),
            After = Optional(stage, "after") is { } after
                ? new Soak(Duration(Required(after, "duration", Join(path, "after")), Join(path, "after.duration")), OptionalString(after, "note", Join(path, "after")))
                : null,
            OverrideBy = Array(stage, "overrideBy", path, ReadRole),
        };
    }

    private static Condition ReadCondition(JsonElement condition, string path)
    {
        Expect(condition, JsonValueKind.Object, path);
        var metric = new Metric(String(condition, "metric", path), Enum<MetricUnit>(Required(condition, "unit", path), Join(path, "unit")));
        return new Condition(metric,
            Enum<Comparison>(Required(condition, "comparison", path), Join(path, "comparison")),
            Number(Required(condition, "threshold", path), Join(path, "threshold")));
    }

    private static StopLossEvaluation ReadStopLossEvaluation(JsonElement evaluation, string path)
    {
        Expect(evaluation, JsonValueKind.Object, path);
        return new StopLossEvaluation(
            Duration(Required(evaluation, "every", path), Join(path, "every")),
            Duration(Required(evaluation, "window", path), Join(path, "window")));
    }

    /// <summary>A measurement; a condition's "query" is not read, as the writer derives it from these and the windows.</summary>
    private static Measurement ReadMeasurement(JsonElement measurement, string path)
    {
        Expect(measurement, JsonValueKind.Object, path);
        var metric = new Metric(String(measurement, "metric", path), Enum<MetricUnit>(Required(measurement, "unit", path), Join(path, "unit")));
        return new Measurement(metric, String(measurement, "query", path));
    }

    private static RollbackStep ReadRollbackStep(JsonElement step, string path)
    {
        Expect(step, JsonValueKind.Object, path);
        var reversible = Required(step, "reversible", path);
        if (reversible.ValueKind is not (JsonValueKind.True or JsonValueKind.False)) throw Wrong(Join(path, "reversible"), "true or false", reversible);
        return new RollbackStep(Enum<RollbackKind>(Required(step, "kind", path), Join(path, "kind")), String(step, "target", path))
        {
            Takes = Optional(step, "takes") is { } takes ? Duration(takes, Join(path, "takes")) : null,
            Reversible = reversible.GetBoolean(),
            When = OptionalString(step, "when", path),
            Owner = OptionalString(step, "owner", path),
            Runbook = OptionalString(step, "runbook", path),
            Scope = OptionalString(step, "scope", path),
        };
    }

    private static AuthorityRules ReadAuthority(JsonElement authority, string path)
    {
        Expect(authority, JsonValueKind.Object, path);
        var announce = Optional(authority, "announce");
        return new AuthorityRules
        {
            Triggers = Array(authority, "mayTrigger", path, (item, itemPath) =>
            {
                Expect(item, JsonValueKind.Object, itemPath);
                return new TriggerRight(ReadRole(Required(item, "role", itemPath), Join(itemPath, "role")),
                    Enum<Trigger>(Required(item, "when", itemPath), Join(itemPath, "when")));
            }),
            Overrides = Array(authority, "mayOverride", path, ReadRole),
            Announcement = announce is { } a
                ? new Announcement(String(a, "channel", Join(path, "announce")),
                    Duration(Required(a, "within", Join(path, "announce")), Join(path, "announce.within")),
                    OptionalString(a, "include", Join(path, "announce")))
                : null,
            Informed = Array(authority, "inform", path, ReadRole),
            SignOff = Array(authority, "signOff", path, ReadRole),
        };
    }

    private static PointOfNoReturn ReadPointOfNoReturn(JsonElement point, string path)
    {
        Expect(point, JsonValueKind.Object, path);
        return new PointOfNoReturn
        {
            AfterStage = OptionalString(point, "afterStage", path),
            Moment = OptionalString(point, "moment", path),
            ForwardFix = OptionalString(point, "forwardFix", path),
            Owner = OptionalString(point, "owner", path),
        };
    }

    private static Role ReadRole(JsonElement role, string path) => new(Text(role, path));

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
