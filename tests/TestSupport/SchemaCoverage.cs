using System.Collections.Generic;
using System.Text.Json;

namespace Rollout.TestSupport;

/// <summary>
/// For tests that a published schema names nothing the program never writes: the property names a JSON document
/// holds, and the property names a JSON Schema declares (every <c>properties</c> object, at any depth).
/// </summary>
public static class SchemaCoverage
{
    /// <summary>Adds every property name of <paramref name="document"/>, at any depth, to <paramref name="names"/>.</summary>
    public static void AddWritten(JsonElement document, HashSet<string> names) => Collect(document, names, propertiesOnly: false);

    /// <summary>Every property name <paramref name="schema"/> declares.</summary>
    public static HashSet<string> Named(JsonElement schema)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        Collect(schema, names, propertiesOnly: true);
        return names;
    }

    private static void Collect(JsonElement element, HashSet<string> names, bool propertiesOnly)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (propertiesOnly && property.Name == "properties" && property.Value.ValueKind == JsonValueKind.Object)
                {
                    foreach (var named in property.Value.EnumerateObject()) names.Add(named.Name);
                }
                if (!propertiesOnly) names.Add(property.Name);
                Collect(property.Value, names, propertiesOnly);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray()) Collect(item, names, propertiesOnly);
        }
    }
}
