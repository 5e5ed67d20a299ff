using System;
using System.Linq;
using Rollout.Dsl;

namespace Rollout.Export.Tests.Infrastructure;

/// <summary>
/// What the plan says each stage's flag must do, read from the plan itself (not from the exporter): the share of
/// everyone that has the feature, and which audience groups have it. Shares and groups of earlier stages stay (sticky).
/// </summary>
public static class FlagExpectations
{
    public static bool IsRandom(Stage stage) =>
        stage.Audience is null || stage.Audience.Contains("random", StringComparison.OrdinalIgnoreCase);

    /// <summary>Percent of everyone (outside any group) that has the feature at stage <paramref name="index"/>.</summary>
    public static double Share(RolloutPlan plan, int index)
    {
        var stages = plan.Stages.Take(index + 1).ToList();
        if (stages[^1].TrafficPercent >= 100) return 100;
        return stages.Where(IsRandom).Select(s => s.TrafficPercent ?? 0).DefaultIfEmpty(0).Max();
    }

    /// <summary>Index of the first stage whose audience is <paramref name="stage"/>'s, for a stage that names one.</summary>
    public static int FirstWithAudience(RolloutPlan plan, Stage stage) =>
        plan.Stages.ToList().FindIndex(s => s.Audience == stage.Audience);
}
