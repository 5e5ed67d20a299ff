using System.Text.Json;
using Rollout.Cli.Tests.Infrastructure;
using Rollout.Dsl;

namespace Rollout.Cli.Tests.Diff;

/// <summary>The pull-request comment and the JSON report of rollout diff.</summary>
public sealed class DiffReportTests
{
    private static (string Old, string New) Files(TempFolder folder)
    {
        var plan = Samples.Checkout;
        var edited = plan with
        {
            Title = "New | checkout <b>flow</b>",
            Stages = plan.Stages.SetItem(1, plan.Stages[1] with { Observe = System.TimeSpan.FromHours(1) }),
        };
        return (folder.Write("old/p.plan.json", plan.ToJson()), folder.Write("new/p.plan.json", edited.ToJson()));
    }

    [Fact]
    public void Markdown_is_a_pull_request_comment_with_riskier_rows_first_and_inert_user_text()
    {
        using var folder = new TempFolder("rollout-diff");
        var (old, now) = Files(folder);

        var result = Tool.Run("diff", old, now, "--format", "markdown");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(
            "### Rollout plan changes: 2 change(s): 1 riskier, 0 safer, 1 neutral.\n\n"
            + "> **This change makes a release riskier.** Ask a second reviewer who owns the release to approve it.\n\n"
            + "| risk | plan | where | change |\n"
            + "| --- | --- | --- | --- |\n"
            + "| **riskier** | new-checkout-flow | stages\\[staged\\].observe | observation window shortened from 4 h to 1 h |\n"
            + "| neutral | new-checkout-flow | title | title changed from 'New checkout flow' to 'New &#124; checkout &lt;b&gt;flow&lt;/b&gt;' |\n",
            result.Output);
    }

    [Fact]
    public void Json_lists_every_change_with_counts_and_the_exit_code()
    {
        using var folder = new TempFolder("rollout-diff");
        var (old, now) = Files(folder);

        var result = Tool.Run("diff", old, now, "--format", "json");

        Assert.Equal(3, result.ExitCode);
        using var document = JsonDocument.Parse(result.Output);
        var root = document.RootElement;
        Assert.Equal(3, root.GetProperty("exitCode").GetInt32());
        Assert.Equal(1, root.GetProperty("riskier").GetInt32());
        Assert.Equal(1, root.GetProperty("neutral").GetInt32());
        var first = root.GetProperty("changes")[0];
        Assert.Equal("riskier", first.GetProperty("risk").GetString());
        Assert.Equal("stages[staged].observe", first.GetProperty("path").GetString());
    }
}
