using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Rollout.Export.Tests.Infrastructure;

namespace Rollout.Export.Tests;

/// <summary>Every exported object, read back from the written YAML, is accepted by the openAPIV3Schema of the engine's real CRD.</summary>
public class CrdValidationTests
{
    private static readonly Regex Subdomain = new("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
    private static readonly Regex QualifiedName = new("^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$");

    [SkippableTheory]
    [MemberData(nameof(ExportSamples.EnginesAndPlans), MemberType = typeof(ExportSamples))]
    public void Every_object_is_valid_for_its_CRD(string engine, string planId)
    {
        Skip.IfNot(CrdSchemas.Available, CrdSchemas.SkipReason);
        var documents = YamlJson.Documents(ExportSamples.Export(engine, planId).ToYaml());
        Assert.NotEmpty(documents);
        foreach (var document in documents)
        {
            var errors = CrdSchemas.Errors(document);
            Assert.True(errors.Count == 0, string.Join("\n", errors));
            AssertMetadata(document);
        }
    }

    [SkippableFact]
    public void The_closed_schemas_reject_an_unknown_field_and_a_wrong_type()
    {
        Skip.IfNot(CrdSchemas.Available, CrdSchemas.SkipReason);
        var rollout = YamlJson.Documents(ExportSamples.Argo("new-checkout-flow").ToYaml()).Single(d => (string?)d["kind"] == "Rollout");
        rollout["spec"]!["strategy"]!["canary"]!["stepz"] = new JsonArray();
        Assert.Contains(CrdSchemas.Errors(rollout), e => e.Contains("stepz"));

        var canary = YamlJson.Documents(ExportSamples.Flagger("new-checkout-flow").ToYaml()).Single(d => (string?)d["kind"] == "Canary");
        canary["spec"]!["analysis"]!["interval"] = "4h";
        Assert.NotEmpty(CrdSchemas.Errors(canary));
    }

    // metadata is only "type: object" in the CRDs; the API server checks names and annotation keys itself.
    private static void AssertMetadata(JsonNode document)
    {
        var metadata = document["metadata"]!;
        var name = (string)metadata["name"]!;
        Assert.True(name.Length <= 253 && Subdomain.IsMatch(name), "object name " + name);
        foreach (var map in new[] { metadata["labels"], metadata["annotations"] })
        {
            foreach (var entry in map?.AsObject() ?? new JsonObject())
            {
                Assert.True(QualifiedName.IsMatch(entry.Key), "key " + entry.Key);
                Assert.True(entry.Value!.GetValueKind() == System.Text.Json.JsonValueKind.String, entry.Key + " is not a string");
            }
        }
        foreach (var label in metadata["labels"]!.AsObject())
        {
            var value = label.Value!.GetValue<string>();
            Assert.True(value.Length <= 63 && Regex.IsMatch(value, "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$"), "label value " + value);
        }
    }
}
