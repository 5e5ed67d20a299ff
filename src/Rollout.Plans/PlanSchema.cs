using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Rollout.Dsl;

namespace Rollout.Plans;

/// <summary>
/// schemas/rollout-plan.v1.schema.json (embedded) evaluated through JsonSchema.Net, its complaints said the way a person
/// fixes them: what is expected there (the schema's own description of the value, the allowed values of an enum, the
/// properties allowed in an object) and what was found.
/// </summary>
public static class PlanSchema
{
    /// <summary>The schema's resource name in this assembly.</summary>
    public const string ResourceName = "rollout-plan.v1.schema.json";

    private static readonly Lazy<(JsonSchema Schema, JsonNode Node)> Loaded = new(Load);

    /// <summary>The schema text, exactly as published under schemas/.</summary>
    public static string Text()
    {
        using var stream = typeof(PlanSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The plan schema is not embedded in " + typeof(PlanSchema).Assembly.GetName().Name + ".");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>What the schema rejects, deepest location first; empty when the document has the plan's shape.</summary>
    public static IReadOnlyList<PlanProblem> Check(JsonElement document)
    {
        var results = Loaded.Value.Schema.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return [];
        var problems = (results.Details ?? [])
            .Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error => Describe(document, detail, error.Key, error.Value)))
            .Where(problem => problem is not null)
            .Select(problem => problem!)
            .Distinct()
            .OrderByDescending(problem => problem.Path.Length)
            .ThenBy(problem => problem.Path, StringComparer.Ordinal)
            .ThenBy(problem => problem.Message, StringComparer.Ordinal)
            .ToList();
        return problems.Count > 0 ? problems : [new PlanProblem("", "the document does not match the plan schema.")];
    }

    private static PlanProblem? Describe(JsonElement document, EvaluationResults detail, string keyword, string fallback)
    {
        var instance = detail.InstanceLocation.ToString();
        var path = PlanPath.FromJsonPointer(instance).ToString();
        var value = At(document, instance);
        var schema = SchemaFor(instance);
        switch (keyword)
        {
            case "enum":
                var allowed = (schema?["enum"] as JsonArray)?.Select(v => v?.ToJsonString() is { } s ? s.Trim('"') : "null") ?? [];
                return new PlanProblem(path, Found(value) + " is not a known value; use one of " + string.Join(", ", allowed) + ".");
            case "pattern":
            case "minimum":
            case "exclusiveMinimum":
            case "maximum":
            case "exclusiveMaximum":
            case "minLength":
                return new PlanProblem(path, Found(value) + " is not valid here: expected " + Expected(schema, keyword));
            case "type":
                return new PlanProblem(path, "expected " + TypeWords(schema?["type"]) + ", found " + Found(value) + ".");
            case "const":
                return new PlanProblem(path, "expected " + schema?["const"]?.ToJsonString() + ", found " + Found(value) + ".");
            case "required":
                var missing = (schema?["required"] as JsonArray)?.Select(n => n!.GetValue<string>())
                    .Where(name => value is not { ValueKind: JsonValueKind.Object } o || !o.TryGetProperty(name, out _))
                    .ToList() ?? [];
                return missing.Count == 0
                    ? new PlanProblem(path, fallback)
                    : new PlanProblem(path, "required " + (missing.Count == 1 ? "property '" + missing[0] + "' is" : "properties '" + string.Join("', '", missing) + "' are") + " missing.");
            case "additionalProperties":
                // Reported on the object; each unknown member also fails the "false" subschema below it, which says it better.
                return null;
            case "":
            case "false":
                var parent = SchemaFor(instance.Substring(0, Math.Max(0, instance.LastIndexOf('/'))));
                var known = (parent?["properties"] as JsonObject)?.Select(p => p.Key).ToList() ?? [];
                var name = PlanPathName(instance);
                return new PlanProblem(path, "unknown property '" + name + "'" + (known.Count > 0 ? "; allowed here: " + string.Join(", ", known) : "") + ".");
            default:
                return new PlanProblem(path, fallback + " (schema: " + keyword + ")");
        }
    }

    /// <summary>What a keyword wants, in words: the schema's description of the value (or of the definition it refers to), with the bound.</summary>
    private static string Expected(JsonObject? schema, string keyword)
    {
        var description = schema?["description"]?.GetValue<string>();
        var bound = schema?[keyword]?.ToJsonString();
        var limit = keyword switch
        {
            "minimum" => "at least " + bound,
            "exclusiveMinimum" => "more than " + bound,
            "maximum" => "at most " + bound,
            "exclusiveMaximum" => "less than " + bound,
            "minLength" => "not empty",
            _ => null,
        };
        if (description is null) return (limit ?? "a value matching " + bound) + ".";
        // "Plan id: ..." reads on as "expected plan id: ..."; an initialism ("ISO 8601 ...") keeps its capitals.
        var text = (description.Length > 1 && char.IsLower(description[1]) ? char.ToLowerInvariant(description[0]) + description.Substring(1) : description).TrimEnd('.');
        return limit is null ? text + "." : text + " (" + limit + ").";
    }

    private static string TypeWords(JsonNode? type) => type switch
    {
        JsonArray types => string.Join(" or ", types.Select(t => Article(t!.GetValue<string>()))),
        JsonValue single => Article(single.GetValue<string>()),
        _ => "another type",
    };

    private static string Article(string type) => type switch
    {
        "object" or "array" or "integer" => "an " + type,
        "null" => "null",
        _ => "a " + type,
    };

    private static string Found(JsonElement? value) => value switch
    {
        null => "nothing",
        { ValueKind: JsonValueKind.String } s => "'" + s.GetString() + "'",
        { ValueKind: JsonValueKind.Object } => "an object",
        { ValueKind: JsonValueKind.Array } => "an array",
        { } other => other.GetRawText(),
    };

    private static JsonElement? At(JsonElement document, string pointer)
    {
        var current = document;
        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var part = raw.Replace("~1", "/").Replace("~0", "~");
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(part, out var member)) current = member;
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < current.GetArrayLength()) current = current[index];
            else return null;
        }
        return current;
    }

    private static string PlanPathName(string pointer)
    {
        var last = pointer.Substring(pointer.LastIndexOf('/') + 1);
        return last.Replace("~1", "/").Replace("~0", "~");
    }

    /// <summary>
    /// The schema object that describes the value at <paramref name="instancePointer"/>, found by walking the instance path
    /// through the schema (properties, items, local $refs). The validator's own schema locations are not used: this
    /// walk is what the schema means, and it is the same for every keyword.
    /// </summary>
    private static JsonObject? SchemaFor(string instancePointer)
    {
        var root = Loaded.Value.Node;
        var node = Resolve(root, root as JsonObject);
        foreach (var raw in instancePointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (node is null) return null;
            var part = raw.Replace("~1", "/").Replace("~0", "~");
            var next = node["properties"] is JsonObject properties && properties[part] is JsonObject property ? property
                : node["items"] is JsonObject items && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? items
                : null;
            node = Resolve(root, next);
        }
        return node;
    }

    /// <summary>A schema object with its local "$ref" followed (the referring object's own description gives way to the definition's).</summary>
    private static JsonObject? Resolve(JsonNode root, JsonObject? node)
    {
        for (var hops = 0; node is not null && node["$ref"] is JsonValue reference && hops < 10; hops++)
        {
            var target = reference.GetValue<string>();
            if (!target.StartsWith("#/", StringComparison.Ordinal)) return node;
            JsonNode? current = root;
            foreach (var part in target.Substring(2).Split('/')) current = current?[part.Replace("~1", "/").Replace("~0", "~")];
            node = current as JsonObject;
        }
        return node;
    }

    private static (JsonSchema, JsonNode) Load()
    {
        var text = Text();
        return (JsonSchema.FromText(text), JsonNode.Parse(text) ?? throw new InvalidOperationException("The embedded plan schema is empty."));
    }
}
