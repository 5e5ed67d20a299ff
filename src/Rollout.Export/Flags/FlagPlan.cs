using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Rollout.Dsl;
using Rollout.Dsl.Rendering.Json;
using Rollout.Dsl.Text;
using Rollout.Export.Plan;

namespace Rollout.Export.Flags;

/// <summary>
/// A plan as the exposure of one feature flag, stage by stage: both flag targets (flagd, Microsoft.FeatureManagement)
/// write what this computes. A stage whose audience is random (or unnamed) grows the share of everyone that has the
/// feature; a stage that names an audience adds that audience as a group. Earlier groups and shares are kept, so a user
/// who has the feature keeps it until the rollback, which turns it off for everyone.
/// </summary>
public static class FlagPlan
{
    private static readonly Regex FlagKey = new(@"^[A-Za-z0-9][A-Za-z0-9_.-]*\z", RegexOptions.CultureInvariant);
    private static readonly Regex RandomAudience = new(@"\brandom", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>The flag key: <paramref name="requested"/>, else the plan's one config rollback flag.</summary>
    public static string FlagOf(RolloutPlan plan, string? requested)
    {
        if (requested is not null)
        {
            return FlagKey.IsMatch(requested) ? requested
                : throw new ExportException("--flag: '" + requested + "' is not a flag key; use letters, digits, '_', '.' and '-', starting with a letter or digit.");
        }
        var flags = ConfigFlags(plan);
        return flags.Count switch
        {
            1 when FlagKey.IsMatch(flags[0]) => flags[0],
            0 => throw new ExportException("Plan '" + plan.Id + "' has no config rollback naming its flag; pass the flag's key with --flag KEY."),
            _ => throw new ExportException("Plan '" + plan.Id + "' names " + flags.Count + " config rollback flags (" + string.Join(", ", flags) + "); pass the one to export with --flag KEY."),
        };
    }

    /// <summary>The group name a named audience becomes: its words as lower-case letters, digits and dashes.</summary>
    public static string? GroupOf(Stage stage) =>
        stage.Audience is not { Length: > 0 } audience || RandomAudience.IsMatch(audience) ? null : KubeName.Of(audience, "audience");

    /// <summary>Exposure at each stage of a ready plan, in order.</summary>
    public static IReadOnlyList<FlagExposure> Stages(RolloutPlan plan)
    {
        var share = 0.0;
        var groups = new List<string>();
        var exposures = new List<FlagExposure>();
        foreach (var stage in PlanShape.Of(plan).Stages)
        {
            if (GroupOf(stage.Stage) is { } group)
            {
                if (!groups.Contains(group)) groups.Add(group);
            }
            else
            {
                share = Math.Max(share, stage.Percent);
            }
            if (stage.Percent >= 100) share = 100;
            exposures.Add(new FlagExposure(stage.Stage.Name, share, groups.ToArray()));
        }
        return exposures;
    }

    /// <summary>The exposure the request names and every warning about it: what the flag approximates and what it cannot express.</summary>
    public static (string Flag, FlagExposure Exposure, IReadOnlyList<ExportWarning> Warnings) Resolve(RolloutPlan plan, FlagExportRequest request)
    {
        var stages = Stages(plan);
        var flag = FlagOf(plan, request.Flag);
        var warnings = new List<ExportWarning>();
        if (request.Stage is null)
        {
            warnings.AddRange(RollbackWarnings(plan, flag));
            return (flag, new FlagExposure(FlagExposure.Rollback, 0, []), warnings);
        }

        var index = plan.Stages.ToList().FindIndex(s => s.Name == request.Stage);
        if (index < 0)
        {
            throw new ExportException("--stage: plan '" + plan.Id + "' has no stage '" + request.Stage + "' (its stages: "
                + string.Join(", ", plan.Stages.Select(s => s.Name)) + "); or pass --rollback for the flag off for everyone.");
        }
        var stage = plan.Stages[index];
        var exposure = stages[index];
        if (GroupOf(stage) is { } group && !exposure.Everyone)
        {
            warnings.Add(new ExportWarning(ExportWarningKind.Approximation, "stage " + stage.Name,
                "audience '" + stage.Audience + "' becomes group '" + group + "' (users whose context lists it): every member gets the feature whatever share of traffic they are; the flag cannot hold them to " + Invariant.Number(stage.TrafficPercent ?? 0) + " %."));
        }
        var kept = exposure.Groups.Where(g => g != GroupOf(stage)).ToList();
        if (kept.Count > 0 && !exposure.Everyone)
        {
            warnings.Add(new ExportWarning(ExportWarningKind.Approximation, "stage " + stage.Name,
                "group(s) " + string.Join(", ", kept.Select(g => "'" + g + "'")) + " of earlier stages keep the feature (exposure is sticky), on top of " + Invariant.Number(exposure.SharePercent) + " % of everyone."));
        }
        warnings.Add(new ExportWarning(ExportWarningKind.NotExpressed, "stages",
            "a flag file holds one stage: observation windows, advance gates and stop-losses are not acted on by the flag; `rollout gate` decides when the next stage's file (or the rollback's) replaces this one."));
        return (flag, exposure, warnings);
    }

    private static IEnumerable<ExportWarning> RollbackWarnings(RolloutPlan plan, string flag)
    {
        if (!ConfigFlags(plan).Contains(flag))
        {
            yield return new ExportWarning(ExportWarningKind.Approximation, "rollback",
                "the plan's rollback does not switch flag " + flag + " off; this file does, for everyone.");
        }
        foreach (var (step, number) in plan.Rollback.Select((s, i) => (s, i + 1)).Where(p => p.s.Kind != RollbackKind.Config))
        {
            yield return new ExportWarning(ExportWarningKind.NotExpressed, "rollback step " + number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                JsonNames.Of(step.Kind) + " (" + step.Target + ") is not a flag change: the runbook has it, and a person runs it.");
        }
        if (plan.PointOfNoReturn is { } point)
        {
            yield return new ExportWarning(ExportWarningKind.NotExpressed, "point of no return",
                (point.AfterStage is { } after ? "after stage '" + after + "'" : "past '" + point.Moment + "'")
                + " the plan's path is forward fix (" + point.ForwardFix + ", owner " + point.Owner + "), not this file.");
        }
    }

    private static List<string> ConfigFlags(RolloutPlan plan) =>
        plan.Rollback.Where(s => s.Kind == RollbackKind.Config).Select(s => s.Target).Distinct(StringComparer.Ordinal).ToList();
}
