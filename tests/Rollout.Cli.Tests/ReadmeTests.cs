using System;
using System.IO;
using Rollout.Cli.Tests.Infrastructure;
using Rollout.Dsl;

namespace Rollout.Cli.Tests;

/// <summary>The README's "In your pipeline" shows real output: the same edits, run again, print exactly what it pastes.</summary>
public sealed class ReadmeTests
{
    private static readonly string Readme = File.ReadAllText(RepoPaths.Combine("README.md")).Replace("\r\n", "\n");

    [Fact]
    public void The_pipeline_section_shows_what_validate_and_diff_print()
    {
        using var folder = new TempFolder("rollout-readme");
        var edited = Docs.EditedPlans.Write(folder);
        string Relative(string text) => text.Replace(folder.Path + Path.DirectorySeparatorChar, "");

        var clean = Tool.Run("validate", Tool.SamplePlans);
        Assert.Contains("$ rollout validate samples/CheckoutService/rollout/\n" + clean.Output + "```", Readme);

        var validate = Tool.Run("validate", edited);
        Assert.Equal(1, validate.ExitCode);
        Assert.Contains("$ rollout validate edited/\n" + Relative(validate.Output) + "$ echo $?\n1\n", Readme);

        var diff = Tool.Run("diff", Tool.SamplePlans, edited);
        Assert.Equal(3, diff.ExitCode);
        Assert.Contains("$ rollout diff samples/CheckoutService/rollout/ edited/\n" + diff.Output + "$ echo $?\n3\n", Readme);

        var markdown = Tool.Run("diff", Tool.SamplePlans, edited, "--format", "markdown");
        Assert.Contains("```markdown\n" + markdown.Output + "```", Readme);
    }
}
