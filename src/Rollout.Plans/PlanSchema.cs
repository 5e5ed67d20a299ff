using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Json.Schema;
using Rollout.Dsl;

namespace Rollout.Plans;

/// <summary>schemas/rollout-plan.v1.schema.json (embedded in the tool) evaluated through JsonSchema.Net.</summary>
public static class PlanSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(Load);

    /// <summary>What the schema rejects, deepest location first; empty when the document has the plan's shape.</summary>
    public static IReadOnlyList<PlanProblem> Check(JsonElement document)
    {
        var results = Schema.Value.Evaluate(document, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return [];
        var problems = (results.Details ?? [])
            .Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error => new PlanProblem(
                PlanPath.FromJsonPointer(detail.InstanceLocation.ToString()).ToString(), error.Value + " (schema: " + error.Key + ")")))
            .Distinct()
            .OrderByDescending(problem => problem.Path.Length)
            .ThenBy(problem => problem.Path, StringComparer.Ordinal)
            .ToList();
        return problems.Count > 0 ? problems : [new PlanProblem("", "the document does not match the plan schema.")];
    }

    private static JsonSchema Load()
    {
        using var stream = typeof(PlanSchema).Assembly.GetManifestResourceStream("rollout-plan.v1.schema.json")
            ?? throw new InvalidOperationException("The plan schema is not embedded in the tool.");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromText(reader.ReadToEnd());
    }
}
