using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace Rollout.Package.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    public const string Name = "Rollout.Dsl package";
}

/// <summary>
/// Packs src/Rollout.Dsl once per test run into a temporary folder feed, outside the repository.
/// <para>
/// Two guards keep every consumer on exactly this package: the version is unique per run
/// (<c>&lt;RolloutVersion&gt;-test.&lt;utc time&gt;</c>, passed as RolloutVersion so it also proves the version has one source),
/// and consumers restore into a private packages folder under the run's temp folder (<see cref="PackagesFolder"/>), so no
/// global NuGet cache can serve a stale copy, and nothing of the run is left in the machine's cache afterwards.
/// </para>
/// </summary>
public sealed class PackageFixture : IDisposable
{
    public const string PackageId = "Rollout.Dsl";

    /// <summary>
    /// The zip entry time of this run's package (2026-01-01T00:00:00Z), given explicitly so its bytes depend on the sources
    /// only, not on git or the clock; the default (the last commit's time) has its own test.
    /// </summary>
    public const long PinnedTimestamp = 1767225600;

    public PackageFixture()
    {
        RepoRoot = RepoPaths.Root;
        var props = XDocument.Load(Path.Combine(RepoRoot, "Directory.Build.props"));
        BaseVersion = Property(props, "RolloutVersion");
        RepositoryUrl = Property(props, "RepositoryUrl");
        LicenseExpression = Property(props, "PackageLicenseExpression");

        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        Version = BaseVersion + (BaseVersion.Contains('-') ? ".test." : "-test.") + stamp;

        WorkRoot = Path.Combine(Path.GetTempPath(), "rollout-package-tests", stamp + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        if (IsUnder(WorkRoot, RepoRoot))
        {
            throw new InvalidOperationException($"The temp folder {WorkRoot} is inside the repository {RepoRoot}; consumers must be built outside it. Point TMPDIR elsewhere.");
        }
        Feed = Directory.CreateDirectory(Path.Combine(WorkRoot, "feed")).FullName;
        PackagesFolder = Directory.CreateDirectory(Path.Combine(WorkRoot, "packages")).FullName;

        // Restore as the repository's own builds do, then pack without restoring: a restore with the test version
        // would rewrite the src projects' obj/project.assets.json (it records the version) under concurrent builds.
        var project = Path.Combine(RepoRoot, "src", "Rollout.Package", "Rollout.Package.csproj");
        Restore = Command.Run(RepoRoot, TimeSpan.FromMinutes(4), null, "restore", project);
        if (!Restore.Succeeded) throw new InvalidOperationException("dotnet restore of src/Rollout.Package failed.\n" + Restore.Describe());
        Pack = Command.Run(RepoRoot, TimeSpan.FromMinutes(6), null,
            "pack", project, "--no-restore", "-c", "Release", "-o", Feed, "-p:RolloutVersion=" + Version, "-p:DeterministicTimestamp=" + PinnedTimestamp);
        if (!Pack.Succeeded) throw new InvalidOperationException("dotnet pack of src/Rollout.Package failed.\n" + Pack.Describe());

        NupkgPath = Path.Combine(Feed, PackageId + "." + Version + ".nupkg");
        if (!File.Exists(NupkgPath))
        {
            throw new InvalidOperationException($"dotnet pack succeeded but {NupkgPath} is missing; the feed holds: {string.Join(", ", Directory.GetFiles(Feed).Select(Path.GetFileName))}");
        }
    }

    public string RepoRoot { get; }

    /// <summary>RolloutVersion from Directory.Build.props: the one place the version is defined.</summary>
    public string BaseVersion { get; }

    /// <summary>The version packed for this run.</summary>
    public string Version { get; }

    public string RepositoryUrl { get; }

    public string LicenseExpression { get; }

    /// <summary>Everything of this run lives here (outside the repository); removed at the end.</summary>
    public string WorkRoot { get; }

    /// <summary>The local folder feed holding the packed .nupkg.</summary>
    public string Feed { get; }

    public string NupkgPath { get; }

    /// <summary>NUGET_PACKAGES for every consumer restore and build.</summary>
    public string PackagesFolder { get; }

    public CommandResult Restore { get; }

    public CommandResult Pack { get; }

    public IReadOnlyDictionary<string, string> ConsumerEnvironment => new Dictionary<string, string> { ["NUGET_PACKAGES"] = PackagesFolder };

    /// <summary>A new, empty folder for one test's consumer projects.</summary>
    public string NewFolder(string name)
    {
        var path = Path.Combine(WorkRoot, name);
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        return Directory.CreateDirectory(path).FullName;
    }

    /// <summary>Runs dotnet in a consumer folder with the consumer environment and logs how long it took.</summary>
    public CommandResult DotNet(ITestOutputHelper log, string workingDirectory, TimeSpan timeout, params string[] arguments)
    {
        var result = Command.Run(workingDirectory, timeout, ConsumerEnvironment, arguments);
        log.WriteLine($"[{result.Duration.TotalSeconds,5:F1} s] {result.CommandLine} (exit {result.ExitCode})");
        return result;
    }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("ROLLOUT_KEEP_TEST_DIRS") == "1") return;
        try
        {
            Directory.Delete(WorkRoot, recursive: true);
        }
        catch (IOException)
        {
            // A process that outlived its test may still hold a file; the folder is under the temp folder.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string Property(XDocument document, string name) =>
        document.Descendants(name).Select(e => e.Value.Trim()).FirstOrDefault(v => v.Length > 0)
        ?? throw new InvalidOperationException($"Directory.Build.props defines no {name}.");

    private static bool IsUnder(string path, string folder)
    {
        var full = Path.GetFullPath(path).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        var root = Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar;
        return full.StartsWith(root, StringComparison.Ordinal);
    }
}
