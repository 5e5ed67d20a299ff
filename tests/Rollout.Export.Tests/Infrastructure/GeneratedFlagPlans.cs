using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Rollout.Dsl;
using Rollout.Dsl.Rules;
using Rollout.Export.Flags;
using Rollout.Export.Tests.Engines;

namespace Rollout.Export.Tests.Infrastructure;

/// <summary>
/// The generated plans both flag targets are proven over: PlanGenerator with audiences, seeds 1, 2, 3 … skipping plans
/// the rules reject, until <see cref="Count"/> ready plans. Each plan gets its own flag key (<see cref="FlagOf"/>), so an
/// evaluator buckets every plan's users afresh (both hash flag key and user key together).
/// </summary>
public static class GeneratedFlagPlans
{
    public const int Count = 200;

    public static IEnumerable<(RolloutPlan Plan, int Seed)> All()
    {
        var ready = 0;
        for (var seed = 1; ready < Count; seed++)
        {
            var plan = PlanGenerator.Generate(seed, audiences: true);
            if (plan.Validate().Any(f => f.Severity == RuleSeverity.Error)) continue;
            ready++;
            yield return (plan, seed);
        }
    }

    public static string FlagOf(int seed) => "RELEASE_FLAG_" + seed.ToString(CultureInfo.InvariantCulture);

    /// <summary>The group every named (not random-share) audience of the generator maps to, the members' group claim.</summary>
    public static IReadOnlyList<string> Groups() =>
        PlanGenerator.Audiences.OfType<string>().Where(a => !FlagExpectations.IsRandom(new Stage("s") { Audience = a }))
            .Select(a => FlagPlan.GroupOf(new Stage("s") { Audience = a })!).ToList();

    public static string Where(RolloutPlan plan, int seed) => "plan " + plan.Id + " (seed " + seed.ToString(CultureInfo.InvariantCulture) + ")";
}
