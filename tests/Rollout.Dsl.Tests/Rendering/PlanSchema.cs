using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Json.Schema;
using Rollout.TestSupport;

namespace Rollout.Dsl.Tests.Rendering;

/// <summary>schemas/rollout-plan.v1.schema.json, loaded once (the schema registry keeps it by $id).</summary>
public static class PlanSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(File.ReadAllText(RepoPaths.Combine("schemas", "rollout-plan.v1.schema.json"))));

    public static EvaluationResults Evaluate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Schema.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    /// <summary>The schema's complaints, one per line, for assertion messages.</summary>
    public static string Errors(EvaluationResults results) =>
        string.Join("\n", (results.Details ?? new List<EvaluationResults>())
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => d.InstanceLocation + ": " + e.Key + ": " + e.Value)));

    public static void AssertValid(string json)
    {
        var results = Evaluate(json);
        Assert.True(results.IsValid, "Schema rejected the plan:\n" + Errors(results));
    }
}
