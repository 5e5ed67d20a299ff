using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Rollout.Cli.Hosting;
using Rollout.Plans;

namespace Rollout.Cli.Diff;

/// <summary>Two plan files compared directly, or two sets of plans (folders such as rollout/ of two revisions) paired by plan id.</summary>
public static class PlanSetDiff
{
    public static IReadOnlyList<PlanChange> Compare(string old, string now)
    {
        if (File.Exists(old) && File.Exists(now))
        {
            return Ordered(PlanComparer.Compare(PlanFiles.Load(old).Plan, PlanFiles.Load(now).Plan));
        }
        var before = ById(old);
        var after = ById(now);
        var ids = before.Keys.Union(after.Keys).OrderBy(id => id, StringComparer.Ordinal);
        return Ordered(ids.SelectMany(id => PlanComparer.Compare(
            before.TryGetValue(id, out var a) ? a.Plan : null,
            after.TryGetValue(id, out var b) ? b.Plan : null)));
    }

    /// <summary>Riskier first, then safer, then neutral; each group in plan order.</summary>
    private static IReadOnlyList<PlanChange> Ordered(IEnumerable<PlanChange> changes) => changes.OrderBy(change => change.Risk).ToList();

    private static Dictionary<string, LoadedPlan> ById(string input)
    {
        var plans = new Dictionary<string, LoadedPlan>(StringComparer.Ordinal);
        foreach (var file in PlanFiles.Expand([input]))
        {
            var loaded = PlanFiles.Load(file);
            if (plans.TryGetValue(loaded.Plan.Id, out var first))
            {
                throw new UserError(input + ": " + first.File + " and " + file + " both hold plan '" + loaded.Plan.Id + "'; keep one file per plan id.");
            }
            plans.Add(loaded.Plan.Id, loaded);
        }
        return plans;
    }
}
