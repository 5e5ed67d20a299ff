using System;
using System.IO;
using System.Text;

namespace Rollout.Run;

/// <summary>
/// Writes a file under a temporary name in the same folder and renames it over the target, so a
/// reader (a service's flag provider watching the file, a resumed run reading its state) sees the old file or the new
/// one, never half of either. The rename in the same folder is what makes it atomic.
/// </summary>
public static class AtomicWrite
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="content"/> as UTF-8 without BOM; an <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> leaves the target as it was.</summary>
    public static void Text(string path, string content)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        var temporary = Path.Combine(folder, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(Utf8.GetBytes(content));
            }
            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temporary); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            throw;
        }
    }
}
