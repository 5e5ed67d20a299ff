using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Security.Cryptography;
using Rollout.Package.Tests.Infrastructure;

namespace Rollout.Package.Tests;

/// <summary>
/// The package's bytes depend on its sources only. Its zip entry times are the one input from outside: pinned
/// explicitly for the fixture's package (so this holds with or without git, and whatever commit lands meanwhile),
/// and by default the last commit's time (without git: the clock), each checked on its own.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class DeterminismTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(6);

    private readonly PackageFixture _package;
    private readonly ITestOutputHelper _log;

    public DeterminismTests(PackageFixture package, ITestOutputHelper log)
    {
        _package = package;
        _log = log;
    }

    private string Project => Path.Combine(_package.RepoRoot, "src", "Rollout.Package", "Rollout.Package.csproj");

    /// <summary>Every assembly is compiled again from source (a rebuild, not a repack of the same files), and the package is the same, byte for byte.</summary>
    [Fact]
    public void Rebuilding_from_source_and_packing_again_gives_identical_bytes()
    {
        var built = Path.Combine(_package.RepoRoot, "src", "Rollout.Analyzers", "bin", "Release", "netstandard2.0", "Rollout.Analyzers.dll");
        var before = File.GetLastWriteTimeUtc(built);

        var rebuild = _package.DotNet(_log, _package.RepoRoot, Timeout, "build", Project, "--no-restore", "--no-incremental", "-c", "Release", "-p:RolloutVersion=" + _package.Version);
        Assert.True(rebuild.Succeeded, rebuild.Describe());
        Assert.True(File.GetLastWriteTimeUtc(built) > before, "the rebuild did not compile the analyzer again");

        var again = _package.NewFolder("feed-rebuilt");
        var pack = _package.DotNet(_log, _package.RepoRoot, Timeout, "pack", Project, "--no-build", "-c", "Release", "-o", again,
            "-p:RolloutVersion=" + _package.Version, "-p:DeterministicTimestamp=" + PackageFixture.PinnedTimestamp);
        Assert.True(pack.Succeeded, pack.Describe());

        var second = Path.Combine(again, Path.GetFileName(_package.NupkgPath));
        Assert.Equal(EntryHashes(_package.NupkgPath), EntryHashes(second));
        Assert.Equal(Sha256(File.ReadAllBytes(_package.NupkgPath)), Sha256(File.ReadAllBytes(second)));
        Assert.Equal(new[] { DateTimeOffset.FromUnixTimeSeconds(PackageFixture.PinnedTimestamp).UtcDateTime }, EntryTimes(second));
    }

    [Fact]
    public void By_default_the_entry_times_are_the_last_commits_time()
    {
        var commit = Command.RunProgram("git", _package.RepoRoot, TimeSpan.FromSeconds(30), "log", "-1", "--format=%ct");
        Assert.True(commit.Succeeded && long.TryParse(commit.Output.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _),
            "this test needs the repository's git history (a clone, not an export): " + commit.Describe());
        var expected = DateTimeOffset.FromUnixTimeSeconds(long.Parse(commit.Output.Trim(), CultureInfo.InvariantCulture)).UtcDateTime;

        var times = EntryTimes(PackWithDefaults("feed-commit-time", new Dictionary<string, string>()));

        Assert.Equal(new[] { Even(expected) }, times.Select(Even).Distinct());
    }

    [Fact]
    public void Without_git_the_entry_times_are_the_clock()
    {
        var before = DateTime.UtcNow;
        var times = EntryTimes(PackWithDefaults("feed-no-git", new Dictionary<string, string> { ["GIT_DIR"] = Path.Combine(_package.WorkRoot, "no-repository") }));
        var after = DateTime.UtcNow;

        var time = Assert.Single(times.Distinct());
        // Zip times have a resolution of two seconds.
        Assert.InRange(time, before.AddSeconds(-2), after.AddSeconds(2));
    }

    private string PackWithDefaults(string folder, Dictionary<string, string> environment)
    {
        var feed = _package.NewFolder(folder);
        environment["TZ"] = "UTC"; // zip entry times are local times: read them back as UTC
        foreach (var (name, value) in _package.ConsumerEnvironment) environment[name] = value;
        var pack = Command.Run(_package.RepoRoot, Timeout, environment, "pack", Project, "--no-build", "-c", "Release", "-o", feed, "-p:RolloutVersion=" + _package.Version);
        _log.WriteLine($"[{pack.Duration.TotalSeconds,5:F1} s] {pack.CommandLine} (exit {pack.ExitCode})");
        Assert.True(pack.Succeeded, pack.Describe());
        return Path.Combine(feed, Path.GetFileName(_package.NupkgPath));
    }

    private static DateTime[] EntryTimes(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        return zip.Entries.Select(e => e.LastWriteTime.DateTime).Distinct().ToArray();
    }

    private static Dictionary<string, string> EntryHashes(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var stream = e.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return Sha256(copy.ToArray());
        });
    }

    private static DateTime Even(DateTime time) => time.AddSeconds(-(time.Second % 2));

    private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));
}
