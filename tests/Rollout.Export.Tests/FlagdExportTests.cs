using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Rollout.Dsl;
using Rollout.Export.Flags;
using Rollout.Export.Tests.Infrastructure;
using Rollout.TestSupport;
using Xunit.Abstractions;

namespace Rollout.Export.Tests;

/// <summary>
/// `rollout export flagd` proven with flagd's reference evaluator, @openfeature/flagd-core 4.0.1 (node, tools/flagd-eval):
/// every definition passes its strict schema validation, and over 100,000 targeting keys each stage gives the feature to
/// the plan's share, the same keys keep it at every later stage, audience members have it from their stage on, and the
/// rollback gives it to nobody.
/// </summary>
public class FlagdExportTests(ITestOutputHelper output)
{
    public const int Keys = 100_000;
    public const int Members = 1_000;

    [Theory]
    [MemberData(nameof(ExportSamples.AllIds), MemberType = typeof(ExportSamples))]
    public void Every_stage_and_the_rollback_through_flagd_core(string planId)
    {
        var plan = ExportSamples.Plan(planId);
        var results = FlagSamples.ExportAll(plan, FlagdExport.Export);
        var groups = FlagSamples.Groups(plan);
        using var folder = new TempFolder("flagd-");
        var files = results.Select((r, i) => folder.Write(i.ToString(CultureInfo.InvariantCulture) + ".flagd.json", r.Json)).ToList();
        var populations = new[] { new KeyPopulation("user-", Keys) }
            .Concat(groups.Select(g => new KeyPopulation(g + "-member-", Members, g))).ToArray();

        var answers = FlagdEvaluator.Evaluate(results[0].Flag, files, populations);

        output.WriteLine(planId + " through " + FlagdEvaluator.Evaluator + ", " + Keys + " targeting keys, " + Members + " members per group");
        foreach (var (answer, i) in answers.Select((a, i) => (a, i)))
        {
            Assert.True(answer.Valid, results[i].Exposure.Point + ": flagd-core's schema rejected the definition: " + answer.Error);
            Assert.All(answer.Populations, p => Assert.DoesNotContain('E', p));
        }
        for (var i = 0; i < plan.Stages.Count; i++)
        {
            var stage = plan.Stages[i];
            var measured = FlagAssert.Percent(answers[i].Populations[0]);
            var expected = FlagExpectations.Share(plan, i);
            output.WriteLine("  " + stage.Name + ": plan " + FlagAssert.Invariant(stage.TrafficPercent ?? 0) + " % (" + (stage.Audience ?? "no audience") + "), expected share "
                + FlagAssert.Invariant(expected) + " %, flagd-core " + FlagAssert.Invariant(measured) + " %");
            Assert.InRange(measured, expected - 0.5, expected + 0.5);
            if (i > 0)
            {
                for (var p = 0; p < populations.Length; p++) FlagAssert.Kept(answers[i - 1].Populations[p], answers[i].Populations[p], stage.Name);
            }
            foreach (var (group, g) in groups.Select((g, n) => (g, n)))
            {
                var from = plan.Stages.ToList().FindIndex(s => FlagPlan.GroupOf(s) == group);
                if (i >= from) Assert.True(answers[i].Populations[g + 1].All(c => c == '1'), stage.Name + ": a member of group " + group + " does not have the feature");
            }
        }
        var rollback = answers[^1];
        Assert.All(rollback.Populations, p => Assert.True(p.All(c => c == '0'), "rollback: someone still has the feature"));
        output.WriteLine("  rollback: nobody (" + populations.Sum(p => p.Count) + " keys)");
    }

    [Fact]
    public void Flagd_cores_schema_validation_is_on_and_rejects_a_broken_definition()
    {
        var plan = ExportSamples.Plan("new-checkout-flow");
        var good = FlagdExport.Export(plan, new FlagExportRequest(null, "staged")).Json;
        var broken = good.Replace("\"off\",\n                9000", "\"off\",\n                \"9000\"", StringComparison.Ordinal);
        Assert.NotEqual(good, broken);
        using var folder = new TempFolder("flagd-");
        var answers = FlagdEvaluator.Evaluate("NEW_CHECKOUT_ENABLED", [folder.Write("good.json", good), folder.Write("broken.json", broken)]);
        Assert.True(answers[0].Valid, answers[0].Error);
        Assert.False(answers[1].Valid);
        Assert.Contains("invalid flagd flag configuration", answers[1].Error);
    }
}
