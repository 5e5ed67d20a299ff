using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Rollout.TestSupport;

namespace Rollout.Export.Tests.Infrastructure;

/// <summary>
/// The openAPIV3Schema of the engines' real CRDs (../shared/data beside the repository), as JSON Schemas.
/// Kubernetes rejects unknown fields under strict field validation (kubectl's default), so every object
/// schema that lists its properties is closed with additionalProperties: false unless it preserves unknown fields.
/// </summary>
public static class CrdSchemas
{
    public static string DataFolder => Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "data"));

    public static bool Available => Directory.Exists(DataFolder);

    public static string SkipReason =>
        "the engines' CRDs are not on this machine: " + DataFolder + " does not exist (CI always has ../shared/data beside the clone)";

    private static readonly Dictionary<string, (string File, string Version)> Sources = new(StringComparer.Ordinal)
    {
        ["Rollout"] = (Path.Combine("argo-rollouts", "rollout-crd.yaml"), "v1alpha1"),
        ["AnalysisTemplate"] = (Path.Combine("argo-rollouts", "analysis-template-crd.yaml"), "v1alpha1"),
        ["Canary"] = (Path.Combine("flagger", "canary-crd.yaml"), "v1beta1"),
        ["MetricTemplate"] = (Path.Combine("flagger", "canary-crd.yaml"), "v1beta1"),
    };

    private static readonly Dictionary<string, JsonSchema> Cache = new(StringComparer.Ordinal);

    public static JsonSchema For(string kind)
    {
        lock (Cache)
        {
            if (Cache.TryGetValue(kind, out var cached)) return cached;
            var (file, version) = Sources[kind];
            var crd = YamlJson.Documents(File.ReadAllText(Path.Combine(DataFolder, file)))
                .Single(d => (string?)d["spec"]?["names"]?["kind"] == kind);
            var schema = crd["spec"]!["versions"]!.AsArray().Single(v => (string?)v!["name"] == version)!["schema"]!["openAPIV3Schema"]!.DeepClone();
            Close(schema);
            var compiled = JsonSchema.FromText(schema.ToJsonString());
            Cache[kind] = compiled;
            return compiled;
        }
    }

    /// <summary>Empty when <paramref name="manifest"/> is valid for its kind; else one line per complaint.</summary>
    public static IReadOnlyList<string> Errors(JsonNode manifest)
    {
        var kind = (string)manifest["kind"]!;
        using var document = JsonDocument.Parse(manifest.ToJsonString());
        var results = For(kind).Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return Array.Empty<string>();
        return (results.Details ?? new List<EvaluationResults>())
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => kind + " " + d.InstanceLocation + ": " + e.Key + ": " + e.Value))
            .DefaultIfEmpty(kind + ": invalid")
            .ToList();
    }

    private static void Close(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["properties"] is JsonObject && !obj.ContainsKey("additionalProperties") && !obj.ContainsKey("x-kubernetes-preserve-unknown-fields"))
                    obj["additionalProperties"] = false;
                // Kubernetes' own vocabulary (x-kubernetes-*, nullable) is not JSON Schema; the 2020-12 dialect refuses unknown keywords.
                foreach (var key in obj.Select(p => p.Key).Where(k => k.StartsWith("x-kubernetes-", StringComparison.Ordinal) || k == "nullable").ToList())
                {
                    if (obj.Parent is JsonObject owner && owner["properties"] == obj) continue; // a field of that name, not a keyword
                    obj.Remove(key);
                }
                foreach (var child in obj.ToList()) Close(child.Value);
                break;
            case JsonArray array:
                foreach (var item in array) Close(item);
                break;
        }
    }
}
