using System;
using System.IO;
using Rollout.Run;

namespace Rollout.Cli.Hosting;

/// <summary>Writes a file under a temporary name beside it and renames it into place, so no reader ever sees half a file (<see cref="AtomicWrite"/>, which <c>rollout run</c> writes its flag and state files with).</summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> as UTF-8 without BOM. The folder must exist; failures are a <see cref="UserError"/>.</summary>
    public static void Write(string path, string content)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new UserError(folder + ": output folder does not exist; create it or pass another one.");
        }
        try
        {
            AtomicWrite.Text(full, content);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserError(full + ": cannot write (" + error.Message.TrimEnd('.') + "); check the folder exists and is writable.", error);
        }
    }
}
