using System;
using System.IO;

namespace Rollout.TestSupport;

/// <summary>Finds the programs the tests run (prometheus, promtool, chromium) on the PATH, as a shell would.</summary>
public static class Executables
{
    /// <summary>The full path of <paramref name="name"/> in the first PATH folder that has it; null when none has.</summary>
    public static string? Find(string name)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (folder.Length == 0) continue;
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
