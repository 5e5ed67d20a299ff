using System.Linq;
using Rollout.Dsl.Rendering;
using Rollout.Dsl.Rules;

namespace Rollout.Dsl.Tests.Rendering;

/// <summary>The renderers show the findings the host gives them and never run the rules a second time.</summary>
public class GivenFindingsTests
{
    private static readonly RolloutPlan Ready = RenderingSamples.Plan("dark-mode-toggle");

    private static readonly Finding Planted = new() { RuleId = "ROLL019", Severity = RuleSeverity.Error, Message = "planted by the test, not by a rule", Path = "owner" };

    [Fact]
    public void The_sample_is_ready_so_only_a_given_finding_can_fail_it()
    {
        Assert.Empty(Ready.Validate());
    }

    [Fact]
    public void The_runbook_shows_exactly_the_given_findings()
    {
        var runbook = MarkdownRunbook.Render(Ready, new[] { Planted });

        Assert.Contains("planted by the test, not by a rule (at `owner`)", runbook);
        Assert.Contains("❌ **Not ready**: 1 check failing", runbook);
        Assert.Contains("❌ **ROLL019**", runbook);
    }

    [Fact]
    public void The_json_plan_shows_exactly_the_given_findings()
    {
        var json = JsonPlanWriter.Write(Ready, new[] { Planted });

        Assert.Contains("\"planted by the test, not by a rule\"", json);
        Assert.Single(json.Split('\n'), line => line.Contains("\"status\": \"fail\""));
    }

    [Fact]
    public void No_findings_given_renders_every_check_passing()
    {
        var failing = Ready with { Owner = null };
        Assert.Contains(failing.Validate(), f => f.RuleId == "ROLL019");

        var runbook = MarkdownRunbook.Render(failing, Enumerable.Empty<Finding>().ToList());

        Assert.Contains("✅ Ready: all " + RuleCatalog.All.Count + " checks pass.", runbook);
    }
}
