using System;
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
/// The Microsoft.FeatureManagement export's share, stickiness, group and rollback properties over the generated plans
/// (<see cref="GeneratedFlagPlans"/>, the same ones flagd-core is run over): per plan one real feature manager reads the
/// exported file through IConfiguration, each next stage (then the rollback) replaces the file and a reload makes it
/// answer, for 100,000 users with a TargetingContext each and 200 members of every named audience's group.
/// </summary>
public class FeatureManagementGeneratedPlanTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Generated_plans_through_a_reloading_feature_manager()
    {
        var plans = GeneratedFlagPlans.All().ToList();
        var groups = GeneratedFlagPlans.Groups();
        var populations = new[] { new KeyPopulation("user-", FeatureManagementExportTests.Users) }
            .Concat(groups.Select(g => new KeyPopulation(g + "-member-", 200, g))).ToArray();
        using var folder = new TempFolder("feature-management-generated-");
        // Plans are independent (each its own flag, file and feature manager): one per core at a time.
        var outcomes = new (int Stages, double Worst)[plans.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, plans.Count), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (n, _) =>
        {
            var (plan, seed) = plans[n];
            var flag = GeneratedFlagPlans.FlagOf(seed);
            var results = FlagSamples.ExportAll(plan, FeatureManagementExport.Export, flag);
            var answers = await FeatureManagementHost.AnswersAtEveryPoint(Path.Combine(folder.Path, plan.Id + "." + seed.ToString(CultureInfo.InvariantCulture) + ".json"), flag, results, populations);
            var shares = FlagAssert.Properties(plan, answers, groups, GeneratedFlagPlans.Where(plan, seed));
            outcomes[n] = (shares.Count, shares.Select((s, i) => Math.Abs(s - FlagExpectations.Share(plan, i))).Max());
        });
        var stages = outcomes.Sum(o => o.Stages);
        var worst = outcomes.Max(o => o.Worst);
        output.WriteLine(plans.Count + " generated plans (seeds " + plans[0].Seed + ".." + plans[^1].Seed + "), " + stages + " stages + " + plans.Count
            + " rollbacks through Microsoft.FeatureManagement " + typeof(Microsoft.FeatureManagement.FeatureManager).Assembly.GetName().Version + ", "
            + FeatureManagementExportTests.Users + " users each; largest share deviation " + worst.ToString("0.###", CultureInfo.InvariantCulture) + " points");
    }
}
