using System.Collections.Generic;
using System.Linq;

namespace Rollout.Export.Flags;

/// <summary>One flag configuration file for one point of a plan (a stage or the rollback), and what the reader must know about it.</summary>
public sealed record FlagExportResult(string Engine, string PlanId, string Flag, FlagExposure Exposure, IReadOnlyList<ExportWarning> Warnings, string Json) : IExportFile
{
    /// <summary>The same name at every stage: the file a provider watches is replaced by the next stage's.</summary>
    public string FileName => FileNameOf(PlanId, Engine);

    /// <summary>The name of the flag file of plan <paramref name="planId"/> for <paramref name="engine"/>.</summary>
    public static string FileNameOf(string planId, string engine) => planId + "." + engine + ".json";

    public string Text() => Json;

    public string Describe()
    {
        var who = Exposure.Everyone ? "everyone"
            : Exposure.Nobody ? "nobody"
            : string.Join(" + ", Exposure.Groups.Select(g => "group " + g)
                .Concat(Exposure.SharePercent > 0 ? [Rollout.Dsl.Text.Invariant.Number(Exposure.SharePercent) + " % of everyone"] : []));
        return "flag " + Flag + " at " + (Exposure.Point == FlagExposure.Rollback ? "rollback" : "stage " + Exposure.Point) + ": on for " + who;
    }
}
