using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Rollout.Export.Flags;
using Rollout.Export.Tests.Infrastructure;
using Rollout.TestSupport;
using Xunit.Abstractions;

namespace Rollout.Export.Tests;

/// <summary>
/// `rollout export feature-management` proven with the real Microsoft.FeatureManagement 4.7.0: one running
/// <see cref="Microsoft.FeatureManagement.IVariantFeatureManager"/> reads the exported file through IConfiguration; each
/// next stage (then the rollback) replaces the file and a configuration reload, no restart, makes it answer the new stage.
/// Over 100,000 users (a TargetingContext each) every stage gives the feature to the plan's share, users keep it, audience
/// members have it from their stage on, and the rollback turns it off for everyone.
/// </summary>
public class FeatureManagementExportTests(ITestOutputHelper output)
{
    public const int Users = 100_000;
    public const int Members = 1_000;

    [Theory]
    [MemberData(nameof(ExportSamples.AllIds), MemberType = typeof(ExportSamples))]
    public async Task Every_stage_and_the_rollback_through_one_reloading_feature_manager(string planId)
    {
        var plan = ExportSamples.Plan(planId);
        var results = FlagSamples.ExportAll(plan, FeatureManagementExport.Export);
        var flag = results[0].Flag;
        var groups = FlagSamples.Groups(plan);
        var populations = new[] { new KeyPopulation("user-", Users) }
            .Concat(groups.Select(g => new KeyPopulation(g + "-member-", Members, g))).ToArray();
        using var folder = new TempFolder("feature-management-");
        output.WriteLine(planId + " through Microsoft.FeatureManagement " + typeof(Microsoft.FeatureManagement.FeatureManager).Assembly.GetName().Version
            + ", " + Users + " users, " + Members + " members per group, one feature manager reloaded at each stage");
        var answers = await FeatureManagementHost.AnswersAtEveryPoint(Path.Combine(folder.Path, "appsettings.json"), flag, results, populations);
        var shares = FlagAssert.Properties(plan, answers, groups, planId);
        foreach (var line in FlagAssert.Lines(plan, shares, "FeatureManagement")) output.WriteLine(line);
        output.WriteLine("  rollback: nobody (" + populations.Sum(p => p.Count) + " users)");
    }

    [Fact]
    public async Task Only_the_reload_makes_a_running_feature_manager_answer_the_rollback()
    {
        var plan = ExportSamples.Plan("new-checkout-flow");
        using var folder = new TempFolder("feature-management-");
        var file = folder.Write("appsettings.json", FeatureManagementExport.Export(plan, new FlagExportRequest(null, "full")).Json);
        using var host = new FeatureManagementHost(file);
        var users = new KeyPopulation("user-", 1_000);
        Assert.DoesNotContain('0', await host.Answers("NEW_CHECKOUT_ENABLED", users));

        File.WriteAllText(file, FeatureManagementExport.Export(plan, new FlagExportRequest(null, null)).Json);
        Assert.DoesNotContain('0', await host.Answers("NEW_CHECKOUT_ENABLED", users));
        host.Reload();
        Assert.DoesNotContain('1', await host.Answers("NEW_CHECKOUT_ENABLED", users));
    }
}
