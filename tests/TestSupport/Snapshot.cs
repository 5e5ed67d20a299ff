// Snapshot assertions following Verify's file convention: <TestFile>.<Method>[_<param>].verified.<ext>
// beside the test source file. On a mismatch (or a missing verified file) the actual text is written to
// <...>.received.<ext> and the test fails with a line diff.
//
// To accept new output: run the tests with ROLLOUT_ACCEPT=1, e.g.
//     ROLLOUT_ACCEPT=1 dotnet test tests/Rollout.Dsl.Tests
// which overwrites the verified files. Read the resulting diff before committing it.
using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text;
using Xunit.Sdk;

namespace Rollout.TestSupport;

public static class Snapshot
{
    public const string AcceptVariable = "ROLLOUT_ACCEPT";

    private const int DiffLinesShown = 12;

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static void Match(
        string actual,
        string extension = "md",
        string? parameter = null,
        [CallerFilePath] string testFile = "",
        [CallerMemberName] string testMethod = "")
    {
        var directory = Path.GetDirectoryName(testFile) ?? throw new InvalidOperationException("No caller file path.");
        var stem = Path.GetFileNameWithoutExtension(testFile) + "." + testMethod + (parameter is null ? "" : "_" + parameter);
        var verifiedPath = Path.Combine(directory, stem + ".verified." + extension);
        var receivedPath = Path.Combine(directory, stem + ".received." + extension);

        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            File.WriteAllText(verifiedPath, actual, Utf8NoBom);
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }

        if (!File.Exists(verifiedPath))
        {
            File.WriteAllText(receivedPath, actual, Utf8NoBom);
            throw new XunitException(
                "No verified snapshot " + verifiedPath + ".\nWrote " + receivedPath + ". Check it, then rename it or rerun with " + AcceptVariable + "=1.");
        }

        var verified = File.ReadAllText(verifiedPath, Utf8NoBom);
        if (string.Equals(verified, actual, StringComparison.Ordinal))
        {
            if (File.Exists(receivedPath)) File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual, Utf8NoBom);
        throw new XunitException(
            "Snapshot mismatch for " + Path.GetFileName(verifiedPath) + " (wrote " + Path.GetFileName(receivedPath) + "; rerun with "
            + AcceptVariable + "=1 to accept):\n" + Diff(verified, actual));
    }

    /// <summary>A unified-style excerpt of the first differing lines, with 1-based line numbers.</summary>
    public static string Diff(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var first = 0;
        while (first < expectedLines.Length && first < actualLines.Length && expectedLines[first] == actualLines[first]) first++;
        var lastExpected = expectedLines.Length - 1;
        var lastActual = actualLines.Length - 1;
        while (lastExpected >= first && lastActual >= first && expectedLines[lastExpected] == actualLines[lastActual])
        {
            lastExpected--;
            lastActual--;
        }

        var diff = new StringBuilder();
        diff.Append("@@ -").Append(first + 1).Append(',').Append(lastExpected - first + 1)
            .Append(" +").Append(first + 1).Append(',').Append(lastActual - first + 1).Append(" @@\n");
        if (first > 0) diff.Append("  ").Append(first).Append(":  ").Append(Show(expectedLines[first - 1])).Append('\n');
        for (var i = first; i <= lastExpected && i < first + DiffLinesShown; i++)
        {
            diff.Append("- ").Append(i + 1).Append(": ").Append(Show(expectedLines[i])).Append('\n');
        }
        if (lastExpected - first + 1 > DiffLinesShown) diff.Append("- …\n");
        for (var i = first; i <= lastActual && i < first + DiffLinesShown; i++)
        {
            diff.Append("+ ").Append(i + 1).Append(": ").Append(Show(actualLines[i])).Append('\n');
        }
        if (lastActual - first + 1 > DiffLinesShown) diff.Append("+ …\n");
        return diff.ToString();
    }

    // Makes invisible differences (CR, tabs, trailing spaces) visible in the failure message.
    private static string Show(string line) =>
        line.Replace("\r", "\\r").Replace("\t", "\\t") + (line.EndsWith(" ", StringComparison.Ordinal) ? "⏎" : "");
}
