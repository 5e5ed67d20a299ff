using System;
using System.Collections.Generic;
using Rollout.Dsl;
using Rollout.Export.Targets;

namespace Rollout.Export.Flags;

/// <summary>
/// A flag-file target: the options that pick the flag and the point of the plan (--flag, --stage or --rollback), checked
/// before the plan is loaded, and one JSON file whose name is the same at every stage. The two flag engines differ only
/// in the file they write (<see cref="Flagd"/>, <see cref="FeatureManagement"/>).
/// </summary>
public sealed class FlagTarget : IExportTarget
{
    private static readonly ExportOption FlagOption = ExportOption.Text("--flag", "key", "The flag's key (default: the flag of the plan's config rollback).");
    private static readonly ExportOption StageOption = ExportOption.Text("--stage", "name", "The stage whose exposure to write.");
    private static readonly ExportOption RollbackOption = ExportOption.Switch("--rollback", "Write the rollback instead of a stage: the flag off for everyone.");

    /// <summary><c>rollout export flagd</c>: <see cref="FlagdExport"/>.</summary>
    public static FlagTarget Flagd { get; } = new(FlagdExport.Engine,
        "an OpenFeature flagd flag definition (fractional targeting on the targeting key)",
        "rollout export flagd rollout/new-checkout-flow.plan.json --stage canary -o flags/",
        FlagdExport.Export);

    /// <summary><c>rollout export feature-management</c>: <see cref="FeatureManagementExport"/>.</summary>
    public static FlagTarget FeatureManagement { get; } = new(FeatureManagementExport.Engine,
        "a Microsoft.FeatureManagement configuration (the Microsoft.Targeting filter)",
        "rollout export feature-management rollout/new-checkout-flow.plan.json --stage canary -o flags/",
        FeatureManagementExport.Export);

    private readonly string _what;
    private readonly Func<RolloutPlan, FlagExportRequest, FlagExportResult> _export;

    /// <param name="engine">The subcommand, which is also the engine's name in the file name and the report.</param>
    /// <param name="what">What the file holds, for help.</param>
    /// <param name="example">One whole command line.</param>
    /// <param name="export">The engine's file for the point a request names.</param>
    public FlagTarget(string engine, string what, string example, Func<RolloutPlan, FlagExportRequest, FlagExportResult> export)
    {
        Name = engine;
        _what = what;
        Example = example;
        _export = export;
    }

    public string Name { get; }

    public string Description =>
        "Write " + _what + " for one stage of a plan (--stage NAME) or its rollback (--rollback), as " + FileName("<plan-id>") + ".\n"
        + "Users keep the feature from stage to stage (stable bucketing on the user's key); a stage's named audience is a group.";

    public string Example { get; }

    public string NotExpressed => "stop-losses, gates and rollback steps other than the flag";

    public IReadOnlyList<ExportOption> Options { get; } = [FlagOption, StageOption, RollbackOption];

    public string FileName(string planId) => FlagExportResult.FileNameOf(planId, Name);

    public Func<RolloutPlan, IExportFile> Prepare(ExportArguments arguments)
    {
        var stage = arguments.Text(StageOption);
        var rollback = arguments.Switch(RollbackOption);
        if (stage is null == !rollback)
        {
            throw new ExportException(rollback
                ? "--stage and --rollback exclude each other; pass one: the stage to write, or --rollback for the flag off for everyone."
                : "pass --stage NAME (the stage to write) or --rollback (the flag off for everyone).");
        }
        var request = new FlagExportRequest(arguments.Text(FlagOption), rollback ? null : stage);
        return plan => Export(plan, request);
    }

    /// <summary>The engine's file for the point <paramref name="request"/> names (what <c>rollout run</c> writes too).</summary>
    public FlagExportResult Export(RolloutPlan plan, FlagExportRequest request) => _export(plan, request);
}
