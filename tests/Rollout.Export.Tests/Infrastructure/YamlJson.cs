using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Rollout.Export.Tests.Infrastructure;

/// <summary>
/// YAML documents as JSON, resolved the way Kubernetes reads manifests: plain scalars become null, booleans,
/// integers or floats when they look like one; quoted and block scalars stay strings.
/// </summary>
public static class YamlJson
{
    private static readonly Regex Integer = new("^[-+]?[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex Float = new("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);

    public static IReadOnlyList<JsonNode> Documents(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Select(d => Convert(d.RootNode)!).ToList();
    }

    private static JsonNode? Convert(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var entry in map.Children) obj.Add(((YamlScalarNode)entry.Key).Value!, Convert(entry.Value));
                return obj;
            case YamlSequenceNode seq:
                var array = new JsonArray();
                foreach (var item in seq.Children) array.Add(Convert(item));
                return array;
            case YamlScalarNode scalar:
                var text = scalar.Value ?? "";
                if (scalar.Style != ScalarStyle.Plain) return JsonValue.Create(text);
                if (text is "" or "~" or "null" or "Null" or "NULL") return null;
                if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
                if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
                if (Integer.IsMatch(text)) return JsonValue.Create(long.Parse(text, CultureInfo.InvariantCulture));
                if (Float.IsMatch(text)) return JsonValue.Create(double.Parse(text, CultureInfo.InvariantCulture));
                return JsonValue.Create(text);
            default:
                throw new System.InvalidOperationException("Unexpected YAML node " + node.NodeType);
        }
    }
}
