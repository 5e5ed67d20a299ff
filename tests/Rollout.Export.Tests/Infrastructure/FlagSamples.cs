using System;
using System.Collections.Generic;
using System.Linq;
using Rollout.Dsl;
using Rollout.Export.Flags;

namespace Rollout.Export.Tests.Infrastructure;

/// <summary>Every point of a plan (each stage in order, then the rollback) exported by one flag target.</summary>
public static class FlagSamples
{
    /// <summary>The plan's own config rollback flag when it has one (the command's default), else a key of our own.</summary>
    public static string? RequestedFlag(RolloutPlan plan) =>
        plan.Rollback.Any(s => s.Kind == RollbackKind.Config) ? null : "RELEASE_FLAG";

    /// <summary>Each stage, then the rollback, of flag <paramref name="flag"/> (default: <see cref="RequestedFlag"/>).</summary>
    public static IReadOnlyList<FlagExportResult> ExportAll(RolloutPlan plan, Func<RolloutPlan, FlagExportRequest, FlagExportResult> exporter, string? flag = null)
    {
        flag ??= RequestedFlag(plan);
        return plan.Stages.Select(s => exporter(plan, new FlagExportRequest(flag, s.Name)))
            .Append(exporter(plan, new FlagExportRequest(flag, null)))
            .ToList();
    }

    /// <summary>The group names audience members carry, one per named audience, first stage first.</summary>
    public static IReadOnlyList<string> Groups(RolloutPlan plan) =>
        plan.Stages.Select(FlagPlan.GroupOf).OfType<string>().Distinct().ToList();
}
