using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Rollout.Dsl.Rules;
using static Rollout.Dsl.Tests.Rules.RuleAssert;

namespace Rollout.Dsl.Tests.Rules;

public class RuleCatalogTests
{
    /// <summary>One minimal change to the baseline per rule, and the one finding it must cause.</summary>
    private static readonly Dictionary<string, (Action<PlanRecipe> Change, string Path)> FailingVariant = new()
    {
        ["ROLL001"] = (p => p.StopLosses.Clear(), "stopLoss"),
        ["ROLL002"] = (p => { p.Touches.Remove(Surface.PersistentData); p.Rollback.Clear(); }, "rollback"),
        ["ROLL003"] = (p => p.HasAuthority = false, "authority"),
        ["ROLL004"] = (p => { p.Stages.Clear(); p.PointAfterStage = null; p.PointMoment = "the migration has run"; }, "stages"),
        ["ROLL005"] = (p => p.Stage("canary").Observe = null, "stages[0].observe"),
        ["ROLL006"] = (p => { p.Stage("staged").Gates.Clear(); p.Stage("full").After = null; }, "stages[1].advanceWhen"),
        ["ROLL007"] = (p => p.Stage("canary").Traffic = 0, "stages[0].traffic"),
        ["ROLL008"] = (p => p.Stage("staged").Traffic = 1, "stages[1].traffic"),
        ["ROLL009"] = (p => p.Stage("full").Traffic = 99, "stages[2].traffic"),
        ["ROLL010"] = (p => p.StopLosses[0] = new StopLoss { When = Signal.ErrorRate.Above(0.05), Action = StopLossAction.Rollback }, "stopLoss[0]"),
        ["ROLL011"] = (p => p.HasPointOfNoReturn = false, "pointOfNoReturn"),
        ["ROLL012"] = (p => p.Rollback[3] = r => r.DataRepair("repair-ledger.py"), "rollback[3]"),
        ["ROLL013"] = (p => { p.Rollback.RemoveAt(3); p.ForwardFix = null; }, "rollback"),
        ["ROLL014"] = (p => p.SignOff.Add(Role.Management), "authority.signOff"),
        ["ROLL015"] = (p => p.Announce = null, "authority.announce"),
        ["ROLL016"] = (p => p.Id = "New-Checkout", "id"),
        ["ROLL017"] = (p => p.Stage("full").Name = "canary", "stages[2].name"),
        ["ROLL018"] = (p => p.PointAfterStage = "halfway", "pointOfNoReturn.afterStage"),
        ["ROLL019"] = (p => p.Owner = null, "owner"),
        ["ROLL020"] = (p => p.Rollback.RemoveAt(2), "rollback"),
        ["ROLL021"] = (p => p.Triggers.Clear(), "authority.mayTrigger"),
        ["ROLL022"] = (p => p.StopLosses[1] = new StopLoss { When = Signal.Count("ledger_mismatches").Above(double.NaN), Action = StopLossAction.Halt }, "stopLoss[1]"),
        ["ROLL023"] = (p => p.Touches.Add((Surface)99), "touches"),
        ["ROLL024"] = (p => p.Measurements.RemoveAt(2), "stages[1].advanceWhen[2]"),
        ["ROLL025"] = (p => p.Owner = "payments\nteam", "owner"),
    };

    /// <summary>Rules that cannot fire alone; the others that necessarily fire with them.</summary>
    private static readonly Dictionary<string, string[]> Companions = new()
    {
        ["ROLL013"] = new[] { "ROLL018" },
    };

    public static TheoryData<string> RuleIds()
    {
        var data = new TheoryData<string>();
        foreach (var rule in RuleCatalog.All) data.Add(rule.Id);
        return data;
    }

    [Fact]
    public void Catalog_ids_are_unique_well_formed_and_in_order()
    {
        var ids = RuleCatalog.All.Select(r => r.Id).ToList();
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.Matches(new Regex(@"^ROLL\d{3}\z"), id));
        Assert.Equal(ids.OrderBy(id => id, StringComparer.Ordinal), ids);
    }

    [Fact]
    public void Contract_rules_are_errors_with_the_agreed_ids()
    {
        Assert.Contains("stop-loss", Rule("ROLL001").Title, StringComparison.Ordinal);
        Assert.Contains("rollback", Rule("ROLL002").Title, StringComparison.Ordinal);
        Assert.Contains("trigger a rollback", Rule("ROLL003").Title, StringComparison.Ordinal);
        Assert.All(new[] { "ROLL001", "ROLL002", "ROLL003" }, id => Assert.Equal(RuleSeverity.Error, Rule(id).DefaultSeverity));
    }

    [Fact]
    public void Every_rule_has_a_title()
    {
        Assert.All(RuleCatalog.All, rule => Assert.False(string.IsNullOrWhiteSpace(rule.Title), rule.Id));
    }

    [Fact]
    public void Every_rule_has_a_failing_variant_here()
    {
        Assert.Equal(RuleCatalog.All.Select(r => r.Id).OrderBy(id => id, StringComparer.Ordinal), FailingVariant.Keys.OrderBy(id => id, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Every_rule_passes_the_baseline_and_fails_its_minimal_variant(string id)
    {
        var baseline = PlanRecipe.Baseline();
        Assert.Empty(Rule(id).Check(baseline));

        var (change, path) = FailingVariant[id];
        var plan = PlanRecipe.Baseline(change);
        var finding = Assert.Single(Rule(id).Check(plan));
        Assert.Equal(id, finding.RuleId);
        Assert.Equal(path, finding.Path);
        Assert.Equal(Rule(id).DefaultSeverity, finding.Severity);
        NamesPlan(plan, finding);

        var expected = new[] { id }.Concat(Companions.TryGetValue(id, out var others) ? others : Array.Empty<string>()).OrderBy(x => x, StringComparer.Ordinal);
        Assert.Equal(expected, plan.Validate().Select(f => f.RuleId));
    }

    [Fact]
    public void Evaluate_reports_findings_in_catalog_order()
    {
        var plan = PlanRecipe.Baseline(p =>
        {
            p.Owner = null;
            p.StopLosses.Clear();
            p.Id = "Bad_Id";
        });
        Assert.Equal(new[] { "ROLL001", "ROLL016", "ROLL019" }, plan.Validate().Select(f => f.RuleId));
        Assert.Equal(plan.Validate(), RuleCatalog.Evaluate(plan));
    }

    [Fact]
    public void Finding_text_names_the_rule_and_the_path()
    {
        Assert.Equal("ROLL019 (owner): m", new Finding { RuleId = "ROLL019", Severity = RuleSeverity.Error, Message = "m", Path = "owner" }.ToString());
        Assert.Equal("ROLL016 (plan): m", new Finding { RuleId = "ROLL016", Severity = RuleSeverity.Error, Message = "m", Path = "" }.ToString());
    }

    [Fact]
    public void An_empty_plan_reports_the_safety_net_rules_first()
    {
        RolloutPlan plan = RolloutPlan.Create("empty");
        Assert.Equal(new[] { "ROLL001", "ROLL002", "ROLL003", "ROLL004", "ROLL019" }, plan.Validate().Select(f => f.RuleId));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Every_rule_has_a_documentation_page_with_its_title_and_severity(string id)
    {
        var page = Path.Combine(RepoRoot(), "docs", "rules", id + ".md");
        Assert.True(File.Exists(page), "missing " + page);
        var text = File.ReadAllText(page);
        var rule = Rule(id);
        Assert.StartsWith("# " + id + ": " + rule.Title + "\n", text.Replace("\r\n", "\n"), StringComparison.Ordinal);
        Assert.Contains(rule.DefaultSeverity == RuleSeverity.Error ? "**Error**" : "**Warning**", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_diagnostic." + id + ".severity", text, StringComparison.Ordinal);
        Assert.Contains("RolloutPlan.Validate()", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_rules_index_links_every_rule_and_no_other()
    {
        var index = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "rules", "README.md"));
        foreach (var rule in RuleCatalog.All)
        {
            Assert.Contains("[" + rule.Id + "](" + rule.Id + ".md)", index, StringComparison.Ordinal);
            Assert.Contains(rule.Title, index, StringComparison.Ordinal);
        }
        // Besides the catalog, the analyzers own compile-time rules (ROLL100-104), documented alongside.
        var documented = RuleCatalog.All.Select(r => r.Id).Concat(CompileTimeRuleIds).ToList();
        var linked = Regex.Matches(index, @"\((ROLL\d{3})\.md\)").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(documented, linked);
        var pages = Directory.GetFiles(Path.Combine(RepoRoot(), "docs", "rules"), "ROLL*.md").Select(Path.GetFileNameWithoutExtension)
            .Where(name => Regex.IsMatch(name!, @"^ROLL\d{3}$")).OrderBy(x => x, StringComparer.Ordinal);
        Assert.Equal(documented, pages);
    }

    [Fact]
    public void Every_code_the_build_step_reports_has_a_page_and_an_index_row()
    {
        // The build step's codes (ROLLBnn) are written as literals in its task; each is a product error like any rule.
        var sources = Directory.GetFiles(Path.Combine(RepoRoot(), "src", "Rollout.Build"), "*.cs", SearchOption.AllDirectories);
        var codes = sources.SelectMany(file => Regex.Matches(File.ReadAllText(file), "\"(ROLLB\\d{2})\"").Select(m => m.Groups[1].Value))
            .Distinct().OrderBy(x => x, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(codes);
        var index = File.ReadAllText(Path.Combine(RepoRoot(), "docs", "rules", "README.md"));
        var readme = File.ReadAllText(Path.Combine(RepoRoot(), "README.md"));
        foreach (var code in codes)
        {
            Assert.True(File.Exists(Path.Combine(RepoRoot(), "docs", "rules", code + ".md")), "docs/rules/" + code + ".md is missing");
            Assert.Contains("[" + code + "](" + code + ".md)", index, StringComparison.Ordinal);
            Assert.Contains("| " + code + " |", readme, StringComparison.Ordinal);
        }
        var pages = Directory.GetFiles(Path.Combine(RepoRoot(), "docs", "rules"), "ROLLB*.md").Select(Path.GetFileNameWithoutExtension).OrderBy(x => x, StringComparer.Ordinal);
        Assert.Equal(codes, pages);
    }

    private static readonly string[] CompileTimeRuleIds = { "ROLL100", "ROLL101", "ROLL102", "ROLL103", "ROLL104" };

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RolloutDsl.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("RolloutDsl.sln not found above " + AppContext.BaseDirectory);
    }
}
