using System;
using System.Globalization;
using System.Text.Json;

namespace Rollout.Cli.Hosting;

/// <summary>Parses an input file's JSON; malformed JSON is a <see cref="UserError"/> naming the file, line and column.</summary>
public static class JsonInput
{
    /// <summary>The document; duplicate properties are malformed. <paramref name="hint"/> ends the error message (what to do).</summary>
    public static JsonDocument Parse(string file, string json, string hint)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException error)
        {
            var where = error.LineNumber is { } line
                ? "line " + (line + 1).ToString(CultureInfo.InvariantCulture) + ", column " + ((error.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture)
                : "";
            throw UserError.At(file, where, "malformed JSON: " + Reason(error.Message) + " " + hint);
        }
    }

    // System.Text.Json appends its own "Path: ... | LineNumber: ..." which the line above already says.
    private static string Reason(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0) cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        var reason = (cut < 0 ? message : message.Substring(0, cut)).Trim();
        return reason.EndsWith('.') ? reason : reason + ".";
    }
}
