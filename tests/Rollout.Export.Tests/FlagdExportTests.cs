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
        var shares = FlagAssert.Properties(plan, answers.Select(a => a.Populations).ToList(), groups, planId);
        foreach (var line in FlagAssert.Lines(plan, shares, "flagd-core")) output.WriteLine(line);
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
