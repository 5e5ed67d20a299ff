using System;
using System.IO;

namespace Rollout.TestSupport;

/// <summary>Files of the repository the tests run in, found from the test binaries.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The folder holding RolloutDsl.sln.</summary>
    public static string Root => RootPath.Value;

    public static string Combine(params string[] parts) => Path.Combine(Root, Path.Combine(parts));

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RolloutDsl.sln"))) return directory.FullName;
        }
        throw new InvalidOperationException("RolloutDsl.sln not found above " + AppContext.BaseDirectory + ".");
    }
}
