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
        var edited = Path.Combine(folder.Path, "edited");
        var checkout = Samples.Checkout;
        var authority = checkout.Authority!;
        folder.Write("edited/new-checkout-flow.plan.json", (checkout with
        {
            Stages = checkout.Stages.SetItem(1, checkout.Stages[1] with { Observe = TimeSpan.FromHours(1) }),
            StopLosses = checkout.StopLosses.SetItem(0, new StopLoss(Signal.ErrorRate.Above(1), StopLossAction.Halt)),
            Authority = authority with { Announcement = authority.Announcement! with { Within = TimeSpan.FromMinutes(2) } },
        }).ToJson());
        folder.Write("edited/dark-mode-toggle.plan.json", (Samples.Plan("dark-mode-toggle") with { Owner = null }).ToJson());
        folder.Write("edited/contact-dedup-job.plan.json", File.ReadAllText(Tool.SamplePlan("contact-dedup-job")));
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
