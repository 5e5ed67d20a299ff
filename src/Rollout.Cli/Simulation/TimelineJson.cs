using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using Rollout.Cli.Hosting;
using Rollout.Dsl.Text;
using Rollout.Plans;

namespace Rollout.Cli.Simulation;

/// <summary>
/// The JSON timeline (schemas/rollout-timeline.v1.schema.json) and the JSON actions file. Every problem names the
/// file and the JSON path ("metrics.error_rate[2].value").
/// </summary>
public static class TimelineJson
{
    private static readonly Regex Plain = new("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

    /// <summary>A timeline document: <c>{ "start"?, "staleAfter"?, "metrics": { name: [point...] }, "actions"? }</c>.</summary>
    public static void ReadTimeline(string file, string text, SimulationInput input)
    {
        using var document = InputText.ParseJson(file, text, "Fix the timeline file.");
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw UserError.At(file, "", "a timeline is a JSON object with \"metrics\" (see schemas/rollout-timeline.v1.schema.json).");
        Only(file, "", root, "start", "staleAfter", "metrics", "actions", "$schema");
        if (root.TryGetProperty("start", out var start))
        {
            if (!TryTime(start, out var time) || time.Absolute is not { } absolute) throw UserError.At(file, "start", "expected an ISO 8601 time with its zone, such as 2026-12-06T08:00:00Z.");
            input.Start = absolute;
        }
        if (root.TryGetProperty("staleAfter", out var staleAfter))
        {
            if (staleAfter.ValueKind != JsonValueKind.String || !Invariant.TryParseIso8601(staleAfter.GetString()!, out var limit) || limit <= TimeSpan.Zero)
            {
                throw UserError.At(file, "staleAfter", "expected a positive ISO 8601 duration such as PT10M.");
            }
            input.StaleAfter = limit;
        }
        if (!root.TryGetProperty("metrics", out var metrics) || metrics.ValueKind != JsonValueKind.Object)
        {
            throw UserError.At(file, "metrics", "expected an object: metric name -> list of points, e.g. \"metrics\": { \"error_rate\": [ { \"at\": \"+0m\", \"value\": 0.02 } ] }.");
        }
        foreach (var metric in metrics.EnumerateObject())
        {
            var path = "metrics" + (Plain.IsMatch(metric.Name) ? "." + metric.Name : "[" + JsonSerializer.Serialize(metric.Name) + "]");
            if (metric.Name.Length == 0) throw UserError.At(file, path, "the metric name is empty.");
            if (metric.Value.ValueKind != JsonValueKind.Array) throw UserError.At(file, path, "expected a list of points such as [ { \"at\": \"+0m\", \"value\": 0.02 } ].");
            var index = 0;
            foreach (var point in metric.Value.EnumerateArray())
            {
                var at = path + "[" + index++.ToString(CultureInfo.InvariantCulture) + "]";
                if (point.ValueKind != JsonValueKind.Object) throw UserError.At(file, at, "expected a point such as { \"at\": \"+0m\", \"value\": 0.02 }.");
                Only(file, at, point, "at", "value", "detail");
                var time = Time(file, at, point);
                if (!point.TryGetProperty("value", out var value)) throw UserError.At(file, at, "missing \"value\": " + InputWords.Kinds + ".");
                var ok = value.ValueKind == JsonValueKind.Number
                    ? InputWords.TryPoint(value.GetRawText(), out var kind, out var number)
                    : InputWords.TryPoint(value.ValueKind == JsonValueKind.String ? value.GetString()! : "?", out kind, out number) && kind != Semantics.TimelinePointKind.Value;
                if (!ok) throw UserError.At(file, at + ".value", value.GetRawText() + " is not " + InputWords.Kinds + ".");
                string? detail = null;
                if (point.TryGetProperty("detail", out var words))
                {
                    if (words.ValueKind != JsonValueKind.String) throw UserError.At(file, at + ".detail", "expected a string.");
                    detail = words.GetString();
                }
                input.Points.Add(new PointInput(file + ": " + at, metric.Name, time, kind, number, detail));
            }
        }
        if (root.TryGetProperty("actions", out var actions)) ReadActions(file, "actions", actions, input);
    }

    /// <summary>An actions document: a list of actions, or <c>{ "actions": [...] }</c>.</summary>
    public static void ReadActionsFile(string file, string text, SimulationInput input)
    {
        using var document = InputText.ParseJson(file, text, "Fix the actions file.");
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object)
        {
            Only(file, "", root, "actions", "$schema");
            if (!root.TryGetProperty("actions", out var actions)) throw UserError.At(file, "actions", "missing: a list of { \"at\", \"action\", \"role\" }.");
            ReadActions(file, "actions", actions, input);
        }
        else ReadActions(file, "", root, input);
    }

    private static void ReadActions(string file, string path, JsonElement actions, SimulationInput input)
    {
        if (actions.ValueKind != JsonValueKind.Array) throw UserError.At(file, path, "expected a list of actions such as [ { \"at\": \"+3h\", \"action\": \"approve\", \"role\": \"on-call engineer\" } ].");
        var index = 0;
        foreach (var action in actions.EnumerateArray())
        {
            var at = path + "[" + index++.ToString(CultureInfo.InvariantCulture) + "]";
            if (action.ValueKind != JsonValueKind.Object) throw UserError.At(file, at, "expected an action such as { \"at\": \"+3h\", \"action\": \"approve\", \"role\": \"on-call engineer\" }.");
            Only(file, at, action, "at", "action", "role");
            var time = Time(file, at, action);
            if (!action.TryGetProperty("action", out var kindText) || kindText.ValueKind != JsonValueKind.String || !InputWords.TryAction(kindText.GetString()!, out var kind))
            {
                throw UserError.At(file, at + ".action", "expected " + InputWords.ActionKinds + ".");
            }
            if (!action.TryGetProperty("role", out var role) || role.ValueKind != JsonValueKind.String || role.GetString()!.Trim().Length == 0)
            {
                throw UserError.At(file, at + ".role", "expected the role of the person, e.g. \"on-call engineer\".");
            }
            input.Actions.Add(new ActionInput(file + ": " + at, time, kind, role.GetString()!.Trim()));
        }
    }

    private static TimeRef Time(string file, string path, JsonElement item)
    {
        if (!item.TryGetProperty("at", out var at)) throw UserError.At(file, path, "missing \"at\": " + TimeRef.Expected + ".");
        if (!TryTime(at, out var time)) throw UserError.At(file, path + ".at", at.GetRawText() + " is not " + TimeRef.Expected + ".");
        return time;
    }

    private static bool TryTime(JsonElement value, out TimeRef time)
    {
        time = default;
        return value.ValueKind == JsonValueKind.String && TimeRef.TryParse(value.GetString()!, out time);
    }

    private static void Only(string file, string path, JsonElement item, params string[] names)
    {
        foreach (var property in item.EnumerateObject())
        {
            if (!names.Contains(property.Name, StringComparer.Ordinal))
            {
                throw UserError.At(file, (path.Length == 0 ? "" : path + ".") + property.Name, "unknown property; expected " + string.Join(", ", names.Where(n => n != "$schema")) + ".");
            }
        }
    }
}
