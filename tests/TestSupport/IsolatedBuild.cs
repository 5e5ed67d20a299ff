using System.IO;

namespace Rollout.TestSupport;

/// <summary>Projects the tests create outside the repository inherit no Directory.Build.* or central package settings from folders above.</summary>
public static class IsolatedBuild
{
    public static void CutOffParentBuildFiles(string folder)
    {
        foreach (var name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(folder, name), "<Project>\n</Project>\n");
        }
    }
}
