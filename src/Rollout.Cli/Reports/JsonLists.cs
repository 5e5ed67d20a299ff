using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Rollout.Cli.Reports;

/// <summary>The one shape every JSON report lists things in: an array of flat objects with string fields.</summary>
internal static class JsonLists
{
    /// <summary>Writes <c>"name": [{ field: value, ... }, ...]</c>; a null value is written as JSON null.</summary>
    public static void WriteList<T>(this Utf8JsonWriter json, string name, IEnumerable<T> items, Func<T, IEnumerable<(string Field, string? Value)>> fields)
    {
        json.WriteStartArray(name);
        foreach (var item in items)
        {
            json.WriteStartObject();
            foreach (var (field, value) in fields(item))
            {
                if (value is null) json.WriteNull(field);
                else json.WriteString(field, value);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
