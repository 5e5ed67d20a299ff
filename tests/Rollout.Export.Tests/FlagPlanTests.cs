using System;
using System.Linq;
using Rollout.Dsl;
using Rollout.Export.Flags;
using Rollout.Export.Tests.Infrastructure;
using Rollout.TestSupport;

namespace Rollout.Export.Tests;

/// <summary>What the flag exports refuse, what they warn about, and that their bytes do not depend on the machine.</summary>
public class FlagPlanTests
{
    private static RolloutPlan Checkout => ExportSamples.Plan("new-checkout-flow");

    [Fact]
    public void The_flag_defaults_to_the_plans_config_rollback_and_a_plan_without_one_needs_flag()
    {
        Assert.Equal("NEW_CHECKOUT_ENABLED", FlagdExport.Export(Checkout, new FlagExportRequest(null, "full")).Flag);
        var problem = Assert.Throws<ExportException>(() => FlagdExport.Export(ExportSamples.Plan("fractional"), new FlagExportRequest(null, "all")));
        Assert.Equal("Plan 'fractional' has no config rollback naming its flag; pass the flag's key with --flag KEY.", problem.Message);
        Assert.Equal("CHECKOUT_V2", FeatureManagementExport.Export(Checkout, new FlagExportRequest("CHECKOUT_V2", "full")).Flag);
    }

    [Theory]
    [InlineData("new checkout")]
    [InlineData("-flag")]
    [InlineData("flag\n")]
    [InlineData("")]
    public void A_flag_key_that_is_not_one_is_refused(string key)
    {
        var problem = Assert.Throws<ExportException>(() => FlagdExport.Export(Checkout, new FlagExportRequest(key, "full")));
        Assert.StartsWith("--flag: '" + key + "' is not a flag key", problem.Message);
    }

    [Fact]
    public void An_unknown_stage_and_a_plan_that_is_not_ready_are_refused()
    {
        var unknown = Assert.Throws<ExportException>(() => FeatureManagementExport.Export(Checkout, new FlagExportRequest(null, "half")));
        Assert.Equal("--stage: plan 'new-checkout-flow' has no stage 'half' (its stages: canary, staged, full); or pass --rollback for the flag off for everyone.", unknown.Message);
        var notReady = Checkout with { StopLosses = [] };
        var refused = Assert.Throws<ExportException>(() => FlagdExport.Export(notReady, new FlagExportRequest(null, "full")));
        Assert.StartsWith("Plan 'new-checkout-flow' is not ready: ROLL001 ", refused.Message);
    }

    [Fact]
    public void Warnings_name_the_audience_group_the_stages_the_rollback_steps_and_the_point_of_no_return()
    {
        var canary = FlagdExport.Export(Checkout, new FlagExportRequest(null, "canary")).Warnings;
        Assert.Equal(new[] { ExportWarningKind.Approximation, ExportWarningKind.NotExpressed }, canary.Select(w => w.Kind));
        Assert.Contains("group 'internal-users-only'", canary[0].Message);
        Assert.Equal(new[] { ExportWarningKind.NotExpressed }, FlagdExport.Export(Checkout, new FlagExportRequest(null, "full")).Warnings.Select(w => w.Kind));

        var dedup = FeatureManagementExport.Export(ExportSamples.Plan("contact-dedup-job"), new FlagExportRequest(null, null)).Warnings;
        Assert.Equal(new[] { "rollback step 2", "rollback step 3", "point of no return" }, dedup.Select(w => w.Subject));
        Assert.All(dedup, w => Assert.Equal(ExportWarningKind.NotExpressed, w.Kind));

        var otherFlag = FlagdExport.Export(Checkout, new FlagExportRequest("SOMETHING_ELSE", null)).Warnings;
        Assert.Equal("approximation rollback: the plan's rollback does not switch flag SOMETHING_ELSE off; this file does, for everyone.", otherFlag.Single().ToString());
    }

    [Fact]
    public void Flagd_rounds_a_percent_finer_than_its_weight_unit_up_and_says_so()
    {
        var plan = ExportSamples.Plan("fractional");
        var fine = plan with { Stages = [.. plan.Stages.Select((s, i) => i == 0 ? s with { TrafficPercent = 0.125 } : s)] };
        var flagd = FlagdExport.Export(fine, new FlagExportRequest("F", "sliver"));
        Assert.Equal("approximation stage sliver: flagd weighs buckets in whole units of 0.01 %; 0.125 % becomes 0.13 %.", flagd.Warnings[0].ToString());
        var fractional = System.Text.Json.Nodes.JsonNode.Parse(flagd.Json)!["flags"]!["F"]!["targeting"]!["fractional"]!;
        Assert.Equal(("on", 13, "off", 9987), ((string)fractional[0]![0]!, (int)fractional[0]![1]!, (string)fractional[1]![0]!, (int)fractional[1]![1]!));
        Assert.DoesNotContain(FeatureManagementExport.Export(fine, new FlagExportRequest("F", "sliver")).Warnings, w => w.Kind == ExportWarningKind.Approximation);
        Assert.DoesNotContain(FlagdExport.Export(plan, new FlagExportRequest("F", "sliver")).Warnings, w => w.Kind == ExportWarningKind.Approximation);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    public void The_files_are_the_same_bytes_in_every_culture(string culture)
    {
        var plan = ExportSamples.Plan("fractional");
        foreach (var exporter in new Func<RolloutPlan, FlagExportRequest, FlagExportResult>[] { FlagdExport.Export, FeatureManagementExport.Export })
        {
            var request = new FlagExportRequest("FLAG_I", "sliver");
            var invariant = CultureScope.Run("", () => exporter(plan, request).Json);
            Assert.Equal(invariant, CultureScope.Run(culture, () => exporter(plan, request).Json));
            Assert.DoesNotContain("\r", invariant);
            Assert.EndsWith("}\n", invariant);
        }
        Assert.Contains("\"DefaultRolloutPercentage\": 0.5", FeatureManagementExport.Export(plan, new FlagExportRequest("FLAG_I", "sliver")).Json);
    }
}
