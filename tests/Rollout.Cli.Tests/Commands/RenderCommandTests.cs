using System.IO;
using Rollout.Cli.Tests.Infrastructure;

namespace Rollout.Cli.Tests.Commands;

public sealed class RenderCommandTests
{
    [Theory]
    [InlineData("new-checkout-flow")]
    [InlineData("contact-dedup-job")]
    [InlineData("dark-mode-toggle")]
    public void Render_prints_the_runbook_the_build_wrote_byte_for_byte(string id)
    {
        var result = Tool.Run("render", Tool.SamplePlan(id));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(Tool.SamplePlans, id + ".runbook.md")), result.Output);
    }

    [Fact]
    public void Render_writes_into_the_output_folder_and_replaces_an_older_runbook()
    {
        using var folder = new TempFolder("rollout-render");
        var target = folder.Write("new-checkout-flow.runbook.md", "old content");

        var result = Tool.Run("render", Tool.SamplePlan("new-checkout-flow"), "-o", folder.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Tool.SamplePlans, "new-checkout-flow.runbook.md")), File.ReadAllBytes(target));
        Assert.Equal([target], Directory.GetFiles(folder.Path));
    }
}
