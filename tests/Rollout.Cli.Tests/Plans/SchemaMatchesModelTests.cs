using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rollout.Cli.Tests.Infrastructure;
using Rollout.Dsl;
using Rollout.Dsl.Rendering.Json;
using Rollout.Plans;

namespace Rollout.Cli.Tests.Plans;

/// <summary>
/// The plan file has one vocabulary (<c>PlanProperty</c>, <c>JsonNames</c>) and the published schema must say exactly
/// that: the same property names, closed objects, the same enum values; the writer writes every property the schema
/// knows and the reader reads it back. A name added on one side only fails here, naming it.
/// </summary>
public sealed class SchemaMatchesModelTests
{
    private static readonly JsonNode Schema = JsonNode.Parse(File.ReadAllText(RepoPaths.Combine("schemas", "rollout-plan.v1.schema.json")))!;

    [Fact]
    public void The_embedded_schema_is_the_published_file()
    {
        Assert.Equal(File.ReadAllText(RepoPaths.Combine("schemas", "rollout-plan.v1.schema.json")), PlanSchema.Text());
    }

    [Fact]
    public void The_schema_names_exactly_the_properties_of_PlanProperty()
    {
        var schema = Objects(Schema).SelectMany(o => ((JsonObject)o.Node["properties"]!).Select(p => p.Key)).ToHashSet(StringComparer.Ordinal);
        var model = PlanPropertyNames();

        Assert.True(schema.SetEquals(model),
            "only in the schema: " + string.Join(", ", schema.Except(model).Order(StringComparer.Ordinal))
            + "; only in PlanProperty: " + string.Join(", ", model.Except(schema).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void Every_object_of_the_schema_is_closed()
    {
        var open = Objects(Schema).Where(o => o.Node["additionalProperties"]?.GetValue<bool>() != false).Select(o => o.Pointer).ToList();
        Assert.True(open.Count == 0, "objects that accept unknown properties: " + string.Join(", ", open));
    }

    [Fact]
    public void Every_enum_of_the_schema_lists_exactly_the_DSL_names_in_order()
    {
        var expected = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["/properties/touches/items"] = JsonNames.NamesOf<Surface>(),
            ["/properties/stopLoss/items/properties/action"] = JsonNames.NamesOf<StopLossAction>(),
            ["/properties/measurements/items/properties/unit"] = JsonNames.NamesOf<MetricUnit>(),
            ["/properties/authority/properties/mayTrigger/items/properties/when"] = JsonNames.NamesOf<Trigger>(),
            ["/properties/readiness/items/properties/severity"] = JsonNames.NamesOf<Rollout.Dsl.Rules.RuleSeverity>(),
            ["/properties/readiness/items/properties/status"] = ["pass", "fail"],
            ["/$defs/condition/properties/unit"] = JsonNames.NamesOf<MetricUnit>(),
            ["/$defs/condition/properties/comparison"] = JsonNames.NamesOf<Comparison>(),
            ["/$defs/rollbackStep/properties/kind"] = JsonNames.NamesOf<RollbackKind>(),
        };
        var found = Nodes(Schema, "").Where(n => n.Node is JsonObject o && o.ContainsKey("enum"))
            .ToDictionary(n => n.Pointer, n => ((JsonArray)n.Node["enum"]!).Select(v => v!.GetValue<string>()).ToArray(), StringComparer.Ordinal);

        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), found.Keys.Order(StringComparer.Ordinal));
        foreach (var (pointer, names) in expected) Assert.True(names.SequenceEqual(found[pointer]), pointer + ": schema " + string.Join(", ", found[pointer]) + " but the DSL " + string.Join(", ", names));
    }

    [Fact]
    public void A_plan_using_every_part_is_written_with_every_property_and_read_back_to_the_same_bytes()
    {
        var plan = Samples.EveryPart;
        var json = plan.ToJson();
        using var document = JsonDocument.Parse(json);

        Assert.Empty(PlanSchema.Check(document.RootElement));
        var written = Names(document.RootElement).ToHashSet(StringComparer.Ordinal);
        var missing = PlanPropertyNames().Except(written).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, "the writer wrote no " + string.Join(", ", missing) + " for a plan that uses every part");
        Assert.Equal(json, PlanJsonReader.Read(document.RootElement).ToJson());
    }

    private static HashSet<string> PlanPropertyNames() =>
        typeof(RolloutPlan).Assembly.GetType("Rollout.Dsl.PlanProperty", throwOnError: true)!
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<(string Pointer, JsonObject Node)> Objects(JsonNode schema) =>
        Nodes(schema, "").Where(n => n.Node is JsonObject o && o.ContainsKey("properties")).Select(n => (n.Pointer, (JsonObject)n.Node));

    private static IEnumerable<(string Pointer, JsonNode Node)> Nodes(JsonNode node, string pointer)
    {
        yield return (pointer, node);
        if (node is JsonObject o)
        {
            foreach (var (key, child) in o)
            {
                if (child is null || key is "enum" or "required" or "const" or "description") continue;
                foreach (var n in Nodes(child, pointer + "/" + key)) yield return n;
            }
        }
        else if (node is JsonArray a)
        {
            for (var i = 0; i < a.Count; i++)
            {
                if (a[i] is { } child) foreach (var n in Nodes(child, pointer + "/" + i)) yield return n;
            }
        }
    }

    private static IEnumerable<string> Names(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                yield return property.Name;
                foreach (var name in Names(property.Value)) yield return name;
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) foreach (var name in Names(item)) yield return name;
        }
    }
}
