using System.IO;
using System.Linq;
using Rollout.TestSupport;

namespace Rollout.Generators.Tests.Infrastructure;

/// <summary>The sample service's spec files, as sources for in-memory compilations.</summary>
public static class Samples
{
    public static string SpecsFolder => RepoPaths.Combine("samples", "CheckoutService", "Specs");

    public static (string Path, string Source)[] SpecFiles() =>
        Directory.GetFiles(SpecsFolder, "*.cs")
            .OrderBy(p => p, System.StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllText(p)))
            .ToArray();
}
