using System;
using System.IO;
using System.Linq;
using CheckoutService.Specs;
using Rollout.Dsl;
using Rollout.TestSupport;

namespace Rollout.Generators.Tests.Build;

/// <summary>
/// The sample's artifacts are committed so a reader of the repo sees real output. Building this test
/// project builds the sample, which rewrites them; these tests fail when what the build wrote differs
/// from the runtime rendering or from what is committed.
/// </summary>
public class CommittedSampleArtifactsTests
{
    private static readonly string Folder = RepoPaths.Combine("samples", "CheckoutService", "rollout");

    private static readonly RolloutPlan[] Plans = { NewCheckoutFlow.Plan(), ContactDeduplication.Plan(), DarkModeToggle.Plan() };

    [Fact]
    public void The_sample_build_wrote_exactly_what_the_runtime_renders()
    {
        var expected = Plans.SelectMany(p => new[] { p.Id + ".plan.json", p.Id + ".runbook.md" }).Append(".rollout-artifacts").OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(expected, Directory.GetFiles(Folder).Select(p => Path.GetFileName(p)!).OrderBy(n => n, StringComparer.Ordinal));
        foreach (var plan in Plans)
        {
            Assert.Equal(plan.ToRunbook(), File.ReadAllText(Path.Combine(Folder, plan.Id + ".runbook.md")));
            Assert.Equal(plan.ToJson(), File.ReadAllText(Path.Combine(Folder, plan.Id + ".plan.json")));
        }
    }

    [Fact]
    public void The_committed_artifacts_are_not_stale()
    {
        var status = Git("status", "--porcelain", "--untracked-files=all", "--", "samples/CheckoutService/rollout");

        Assert.True(status.Length == 0,
            "The build changed the committed sample artifacts; they are stale. Run 'dotnet build samples/CheckoutService' and commit samples/CheckoutService/rollout:\n" + status);
    }

    private static string Git(params string[] arguments)
    {
        var result = Command.RunProgram("git", RepoPaths.Root, TimeSpan.FromMinutes(1), arguments);
        Assert.True(result.Succeeded, "This test needs git and the repository's .git folder. " + result.Describe());
        return result.Output.Trim();
    }
}
