using System.Collections.Generic;
using System.Linq;
using Rollout.Dsl;
using Rollout.Dsl.Rules;
using Rollout.Export.Tests.Engines;
using Rollout.Export.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Rollout.Export.Tests;

/// <summary>
/// The engine models, run on each export, make the reference interpreter's decisions within one measurement interval,
/// or the export names the difference among its approximations (which --strict refuses). Counts are printed.
/// </summary>
public class ConformanceTests(ITestOutputHelper output)
{
    /// <summary>Seeds of the generated plans: 1, 2, 3 … until this many ready plans.</summary>
    public const int GeneratedPlans = 300;

    [Fact]
    public void Sample_plans_on_Argo_Rollouts() => Check("argo", ExportSamples.AllPlanIds.Select(id => (ExportSamples.Plan(id), 1)));

    [Fact]
    public void Sample_plans_on_Flagger() => Check("flagger", ExportSamples.AllPlanIds.Select(id => (ExportSamples.Plan(id), 1)));

    [Fact]
    public void Generated_plans_on_Argo_Rollouts() => Check("argo", Generated());

    [Fact]
    public void Generated_plans_on_Flagger() => Check("flagger", Generated());

    private IEnumerable<(Rollout.Dsl.RolloutPlan Plan, int Seed)> Generated()
    {
        var ready = 0;
        var notReady = 0;
        for (var seed = 1; ready < GeneratedPlans; seed++)
        {
            var plan = PlanGenerator.Generate(seed);
            if (plan.Validate().Any(f => f.Severity == RuleSeverity.Error))
            {
                notReady++;
                continue;
            }
            ready++;
            yield return (plan, seed);
            if (ready == GeneratedPlans) output.WriteLine("generated plans: seeds 1.." + seed + ", " + ready + " ready, " + notReady + " not ready (skipped)");
        }
    }

    private void Check(string engine, IEnumerable<(Rollout.Dsl.RolloutPlan Plan, int Seed)> plans)
    {
        var cases = new List<ConformanceCase>();
        var planCount = 0;
        foreach (var (plan, seed) in plans)
        {
            planCount++;
            cases.AddRange(engine == "argo" ? Conformance.Argo(plan, ExportSamples.Options, seed) : Conformance.Flagger(plan, ExportSamples.Options, seed));
        }
        output.WriteLine(engine + ": " + planCount + " plans, " + cases.Count + " runs: " + cases.Count(c => c.Equal) + " same decisions, "
            + cases.Count(c => c.NamedBy is not null) + " differences named in the export's warnings, " + cases.Count(c => c.Unnamed) + " not named");
        foreach (var group in cases.GroupBy(c => c.Scenario))
            output.WriteLine("  " + group.Key + ": " + group.Count() + " runs, " + group.Count(c => c.Equal) + " same, " + group.Count(c => c.NamedBy is not null) + " named, " + group.Count(c => c.Unnamed) + " not named");
        foreach (var group in cases.Where(c => c.NamedBy is not null).GroupBy(c => c.NamedBy!.Subject))
            output.WriteLine("  named by '" + group.Key + "': " + group.Count());
        foreach (var unnamed in cases.Where(c => c.Unnamed).Take(20)) output.WriteLine("  " + unnamed);
        Assert.True(cases.Count > 0);
        Assert.DoesNotContain(cases, c => c.Unnamed);
    }
}
