using System;
using System.Collections.Generic;
using Rollout.Dsl;
using Rollout.Export.Targets;

namespace Rollout.Export.Flags;

/// <summary>
/// What both flag-file targets share: the options that pick the flag and the point of the plan (--flag, --stage or
/// --rollback), checked before the plan is loaded, and one JSON file whose name is the same at every stage.
/// </summary>
public abstract class FlagTarget(string name, string what, string example) : IExportTarget
{
    private static readonly ExportOption FlagOption = new(ExportOptionKind.Text, "--flag", "The flag's key (default: the flag of the plan's config rollback).") { HelpName = "key" };

    private static readonly ExportOption StageOption = new(ExportOptionKind.Text, "--stage", "The stage whose exposure to write.") { HelpName = "name" };

    private static readonly ExportOption RollbackOption = new(ExportOptionKind.Switch, "--rollback", "Write the rollback instead of a stage: the flag off for everyone.");

    /// <summary>The subcommand, which is also the engine's name in the file name and the report.</summary>
    public string Name { get; } = name;

    public string Description =>
        "Write " + what + " for one stage of a plan (--stage NAME) or its rollback (--rollback), as " + FileName("<plan-id>") + ".\n"
        + "Users keep the feature from stage to stage (stable bucketing on the user's key); a stage's named audience is a group.";

    public string Example { get; } = example;

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

    /// <summary>The engine's file for the point <paramref name="request"/> names.</summary>
    protected abstract FlagExportResult Export(RolloutPlan plan, FlagExportRequest request);
}
