using System;
using System.IO;
using System.Linq;
using Rollout.Build;
using Rollout.TestSupport;

namespace Rollout.Generators.Tests.Build;

/// <summary>The build step's file handling: only changed files are written, only its own files are removed, nothing escapes the folder.</summary>
public class ArtifactFolderTests : IDisposable
{
    private readonly TempFolder _temp = new("rollout-folder");

    private string Folder => Path.Combine(_temp.Path, "rollout");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Writes_both_files_per_plan_and_a_manifest()
    {
        var result = ArtifactFolder.Sync(new[] { Plan("alpha"), Plan("beta") }, Folder);

        Assert.Empty(result.Errors);
        Assert.Equal(
            new[] { ".rollout-artifacts", "alpha.plan.json", "alpha.runbook.md", "beta.plan.json", "beta.runbook.md" },
            Directory.GetFiles(Folder).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal("{\"id\":\"alpha\"}", File.ReadAllText(Path.Combine(Folder, "alpha.plan.json")));
        Assert.Equal(4, result.Written.Count);
    }

    [Fact]
    public void Unchanged_content_is_not_rewritten()
    {
        ArtifactFolder.Sync(new[] { Plan("alpha") }, Folder);
        var runbook = Path.Combine(Folder, "alpha.runbook.md");
        var old = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(runbook, old);

        var result = ArtifactFolder.Sync(new[] { Plan("alpha") }, Folder);

        Assert.Empty(result.Written);
        Assert.Equal(old, File.GetLastWriteTimeUtc(runbook));
    }

    [Fact]
    public void Files_of_removed_plans_go_but_files_it_did_not_write_stay()
    {
        ArtifactFolder.Sync(new[] { Plan("alpha"), Plan("beta") }, Folder);
        File.WriteAllText(Path.Combine(Folder, "notes.md"), "mine");
        File.WriteAllText(Path.Combine(Folder, "gamma.plan.json"), "written by hand");

        var result = ArtifactFolder.Sync(new[] { Plan("alpha") }, Folder);

        Assert.Equal(new[] { "beta.plan.json", "beta.runbook.md" }, result.Removed.Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(Folder, "notes.md")));
        Assert.True(File.Exists(Path.Combine(Folder, "gamma.plan.json")));
        Assert.True(File.Exists(Path.Combine(Folder, "alpha.plan.json")));
    }

    [Fact]
    public void A_tampered_manifest_cannot_make_it_delete_outside_the_folder()
    {
        ArtifactFolder.Sync(new[] { Plan("alpha") }, Folder);
        var outside = _temp.Write("victim.plan.json", "keep me");
        File.WriteAllText(Path.Combine(Folder, ArtifactFolder.ManifestName), "../victim.plan.json\n../../etc/passwd\nalpha.plan.json\n");

        ArtifactFolder.Sync(new[] { Plan("alpha") }, Folder);

        Assert.Equal("keep me", File.ReadAllText(outside));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("UPPER")]
    [InlineData("checkout\n")]
    [InlineData("")]
    public void Invalid_plan_ids_are_errors_and_nothing_is_written(string id)
    {
        var result = ArtifactFolder.Sync(new[] { Plan(id), Plan("fine") }, Folder);

        Assert.Contains(result.Errors, e => e.Contains("is not a valid file name", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Folder));
        Assert.Empty(Directory.GetFiles(_temp.Path, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Duplicate_plan_ids_are_errors()
    {
        var result = ArtifactFolder.Sync(new[] { Plan("alpha"), Plan("alpha") }, Folder);

        Assert.Equal("plan id 'alpha' is defined 2 times in this assembly; give each plan its own id", Assert.Single(result.Errors));
        Assert.False(Directory.Exists(Folder));
    }

    [Fact]
    public void An_assembly_without_plans_leaves_no_trace()
    {
        var result = ArtifactFolder.Sync(Array.Empty<EmbeddedPlan>(), Folder);

        Assert.Empty(result.Files);
        Assert.False(Directory.Exists(Folder));
    }

    private static EmbeddedPlan Plan(string id) => new(id, "# " + id + "\n", "{\"id\":\"" + id + "\"}");
}
