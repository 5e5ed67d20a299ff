using System.IO;
using System.Text.Json;
using Rollout.Cli.Tests.Infrastructure;
using Rollout.Dsl;

namespace Rollout.Cli.Tests.Commands;

public sealed class ValidateCommandTests
{
    [Fact]
    public void The_committed_sample_plans_are_clean()
    {
        var result = Tool.Run("validate", Tool.SamplePlans);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("3 plan file(s) checked: 0 violation(s).\n", result.Output);
    }

    [Fact]
    public void Each_violation_is_one_line_with_file_rule_path_and_message()
    {
        using var folder = new TempFolder("rollout-validate");
        var plan = Samples.Checkout;
        var file = folder.Write("p.plan.json", (plan with { Stages = plan.Stages.SetItem(1, plan.Stages[1] with { Observe = null, Name = "line\nbreak" }) }).ToJson());

        var result = Tool.Run("validate", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            file + ": ROLL005 stages[1].observe Plan 'new-checkout-flow': stage 'line break' (#2) has no observation window, so nobody knows how long to watch it. Add .Observe(TimeSpan.FromMinutes(30)) (the soak time) to the stage.\n"
            + file + ": ROLL025 stages[1].name Plan 'new-checkout-flow': the name of stage #2 'line\\nbreak' contains a line break (U+000A). Free text is shown on one line in the runbook, announcements and manifests; remove the character (write two items, or put the detail in a runbook link).\n"
            + "1 plan file(s) checked: 2 violation(s).\n",
            result.Output);
    }

    [Fact]
    public void Json_and_markdown_reports_carry_the_same_findings()
    {
        using var folder = new TempFolder("rollout-validate");
        var file = folder.Write("p.plan.json", (Samples.Checkout with { Owner = null }).ToJson());

        var json = Tool.Run("validate", file, "--format", "json");
        Assert.Equal(1, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        var finding = Assert.Single(document.RootElement.GetProperty("files")[0].GetProperty("findings").EnumerateArray());
        Assert.Equal("ROLL019", finding.GetProperty("rule").GetString());
        Assert.Equal("violations", document.RootElement.GetProperty("files")[0].GetProperty("status").GetString());

        var markdown = Tool.Run("validate", file, "--format", "markdown");
        Assert.Equal(1, markdown.ExitCode);
        Assert.Contains("| ROLL019 | owner | Plan 'new-checkout-flow' has no owner, so nobody is paged when it misbehaves. Add .Owner(\"&lt;team&gt;\"). |", markdown.Output);
    }
}
