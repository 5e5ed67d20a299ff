using System;
using System.IO;

namespace Rollout.Cli.Hosting;

/// <summary>Reads an input file's text; a folder, a missing file or an unreadable one is a <see cref="UserError"/> naming it.</summary>
public static class InputFile
{
    /// <param name="file">The path as the user gave it.</param>
    /// <param name="expected">What the file should be, e.g. "a <plan-id>.plan.json file": said when it is a folder.</param>
    /// <param name="missing">What to say after "no such file", e.g. "pass a <plan-id>.plan.json file the build wrote".</param>
    public static string ReadText(string file, string expected, string missing)
    {
        if (Directory.Exists(file)) throw new UserError(file + ": is a folder; pass " + expected + ".");
        if (!File.Exists(file)) throw new UserError(file + ": no such file; " + missing + ".");
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserError(file + ": cannot read (" + error.Message.TrimEnd('.') + ").", error);
        }
    }
}
