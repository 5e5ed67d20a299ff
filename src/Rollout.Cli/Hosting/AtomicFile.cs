using System;
using System.IO;
using System.Text;

namespace Rollout.Cli.Hosting;

/// <summary>Writes a file under a temporary name beside it and renames it into place, so no reader ever sees half a file.</summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="content"/> as UTF-8 without BOM. The folder must exist; failures are a <see cref="UserError"/>.</summary>
    public static void Write(string path, string content)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            throw new UserError(folder + ": output folder does not exist; create it or pass another one.");
        }
        var temporary = Path.Combine(folder, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        try
        {
            File.WriteAllBytes(temporary, Utf8.GetBytes(content));
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new UserError(full + ": cannot write (" + error.Message.TrimEnd('.') + "); check the folder exists and is writable.", error);
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
