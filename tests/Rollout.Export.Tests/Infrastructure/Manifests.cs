using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;

namespace Rollout.Export.Tests.Infrastructure;

/// <summary>An export read back from its YAML text, as the engine would read it.</summary>
public sealed class Manifests
{
    public Manifests(string yaml) => Documents = YamlJson.Documents(yaml);

    public IReadOnlyList<JsonNode> Documents { get; }

    public JsonNode Single(string kind) => Documents.Single(d => (string?)d["kind"] == kind);

    public IEnumerable<JsonNode> All(string kind) => Documents.Where(d => (string?)d["kind"] == kind);

    public JsonNode? Named(string kind, string name) => All(kind).SingleOrDefault(d => (string?)d["metadata"]!["name"] == name);

    /// <summary>The plan's stage names, in order, from the annotation rolloutdsl/stages of the engine's main object (Rollout or Canary).</summary>
    public static IReadOnlyList<string> StageNames(JsonNode mainObject) =>
        ((string)mainObject["metadata"]!["annotations"]!["rolloutdsl/stages"]!).Split('\n').Select(line => line.Substring(0, line.IndexOf(':'))).ToList();

    /// <summary>A YAML number as a double, whether it was written as an integer or not.</summary>
    public static double Number(JsonNode node) => node.AsValue().TryGetValue<double>(out var value) ? value : node.GetValue<long>();

    public static IEnumerable<JsonNode> Items(JsonNode? array) => array?.AsArray().Select(i => i!) ?? Enumerable.Empty<JsonNode>();
}
