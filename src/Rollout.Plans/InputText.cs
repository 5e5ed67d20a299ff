using System;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace Rollout.Plans;

/// <summary>
/// Reading an input file and parsing its JSON, for plan files and the files that go with them (e.g. a simulation
/// timeline): a folder, a missing or unreadable file and malformed JSON are each a <see cref="PlanFileException"/>
/// naming the file (and line and column) and saying what to do.
/// </summary>
public static class InputText
{
    /// <param name="file">The path as the user gave it.</param>
    /// <param name="expected">What the file should be, e.g. "a &lt;plan-id&gt;.plan.json file": said when it is a folder.</param>
    /// <param name="missing">What to say after "no such file", e.g. "pass a &lt;plan-id&gt;.plan.json file the build wrote".</param>
    public static string Read(string file, string expected, string missing)
    {
        if (Directory.Exists(file)) throw new PlanFileException(file + ": is a folder; pass " + expected + ".");
        if (!File.Exists(file)) throw new PlanFileException(file + ": no such file; " + missing + ".");
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new PlanFileException(file + ": cannot read (" + error.Message.TrimEnd('.') + ").", error);
        }
    }

    /// <summary>The document; duplicate properties are malformed. <paramref name="hint"/> ends the error message (what to do).</summary>
    public static JsonDocument ParseJson(string file, string json, string hint)
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
            throw PlanFileException.At(file, where, "malformed JSON: " + Reason(error.Message) + " " + hint);
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
