using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Rollout.Export.Flags;

/// <summary>A flag file's text: indented JSON with '\n' line ends and a final newline, whatever the machine.</summary>
internal static class FlagJson
{
    public static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            body(json);
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
