using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Rollout.Dsl;
using Rollout.Dsl.Rules;
using Rollout.Export.Flags;
using Rollout.Export.Tests.Engines;
using Rollout.Export.Tests.Infrastructure;
using Rollout.TestSupport;
using Xunit.Abstractions;

namespace Rollout.Export.Tests;

/// <summary>
/// The flagd export's share, stickiness, group and rollback properties over generated plans (PlanGenerator with
/// audiences, <see cref="GeneratedFlagPlans"/>), every stage and rollback evaluated by @openfeature/flagd-core over
/// 100,000 targeting keys.
/// </summary>
public class FlagdGeneratedPlanTests(ITestOutputHelper output)
{
    public const int PlansPerCall = 20;

    [Fact]
    public void Generated_plans_through_flagd_core()
    {
        var plans = GeneratedFlagPlans.All().ToList();
        var groups = GeneratedFlagPlans.Groups();
        var populations = new[] { new KeyPopulation("user-", FlagdExportTests.Keys) }
            .Concat(groups.Select(g => new KeyPopulation(g + "-member-", 200, g))).ToArray();
        var stages = 0;
        var worst = 0.0;
        foreach (var batch in plans.Chunk(PlansPerCall))
        {
            using var folder = new TempFolder("flagd-generated-");
            var exported = batch.Select(p => (p.Plan, p.Seed, Results: FlagSamples.ExportAll(p.Plan, FlagdExport.Export, GeneratedFlagPlans.FlagOf(p.Seed)))).ToList();
            var files = exported.SelectMany(e => e.Results.Select((r, i) =>
                (folder.Write(e.Plan.Id + "." + i.ToString(CultureInfo.InvariantCulture) + ".json", r.Json), r.Flag))).ToList();
            var answers = FlagdEvaluator.Evaluate(files, populations);
            var next = 0;
            foreach (var (plan, seed, results) in exported)
            {
                var mine = answers.Skip(next).Take(results.Count).ToList();
                next += results.Count;
                var where = GeneratedFlagPlans.Where(plan, seed);
                Assert.All(mine, a => Assert.True(a.Valid, where + ": flagd-core's schema rejected a definition: " + a.Error));
                var shares = FlagAssert.Properties(plan, mine.Select(a => a.Populations).ToList(), groups, where);
                worst = Math.Max(worst, shares.Select((s, i) => Math.Abs(s - FlagExpectations.Share(plan, i))).Max());
                stages += shares.Count;
            }
        }
        output.WriteLine(plans.Count + " generated plans (seeds " + plans[0].Seed + ".." + plans[^1].Seed + "), " + stages + " stages + " + plans.Count
            + " rollbacks through " + FlagdEvaluator.Evaluator + ", " + FlagdExportTests.Keys + " keys each; largest share deviation "
            + worst.ToString("0.###", CultureInfo.InvariantCulture) + " points");
    }
}
