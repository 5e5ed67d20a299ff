using System;
using System.CommandLine;
using Rollout.Cli.Hosting;
using Rollout.Export;
using Rollout.Export.Flags;
using Rollout.Plans;

namespace Rollout.Cli.Commands;

/// <summary>
/// <c>rollout export flagd|feature-management &lt;plan.json&gt; --stage NAME|--rollback -o &lt;dir&gt;</c>: one stage of the plan
/// (or its rollback) as a feature flag's configuration, <c>&lt;plan-id&gt;.&lt;target&gt;.json</c>, the same file name at every
/// stage so the next stage's file replaces the one a provider watches.
/// </summary>
internal static class FlagExportCommand
{
    public static Command Create(string target, string what, Func<Rollout.Dsl.RolloutPlan, FlagExportRequest, FlagExportResult> exporter, string example)
    {
        var plan = PathArgument.One("plan", "The <plan-id>.plan.json file.");
        var output = new Option<string>("--output", "-o") { Description = "Folder to write <plan-id>." + target + ".json into (created if missing).", HelpName = "dir", Required = true };
        var flag = new Option<string?>("--flag") { Description = "The flag's key (default: the flag of the plan's config rollback).", HelpName = "key" };
        var stage = new Option<string?>("--stage") { Description = "The stage whose exposure to write.", HelpName = "name" };
        var rollback = new Option<bool>("--rollback") { Description = "Write the rollback instead of a stage: the flag off for everyone." };
        var strict = ExportOutput.StrictOption(target, "stop-losses, gates and rollback steps other than the flag");
        var format = new FormatOption();
        var command = new Command(target,
            "Write " + what + " for one stage of a plan (--stage NAME) or its rollback (--rollback), as <plan-id>." + target + ".json.\n"
            + "Users keep the feature from stage to stage (stable bucketing on the user's key); a stage's named audience is a group.\n"
            + "Exit codes: 0 written (warnings printed), 1 refused by --strict (nothing written), 2 unusable input (nothing written).\n"
            + "Example: " + example)
        {
            plan, output, flag, stage, rollback, strict, format,
        };
        return command.WithAction(context =>
        {
            var folder = ExportOutput.Folder(context, output);
            var refuseKinds = ExportOutput.StrictKinds(context.Parse, strict);
            var stageName = context.Parse.GetValue(stage);
            var isRollback = context.Parse.GetValue(rollback);
            if (stageName is null == !isRollback)
            {
                throw new UserError(isRollback
                    ? "--stage and --rollback exclude each other; pass one: the stage to write, or --rollback for the flag off for everyone."
                    : "pass --stage NAME (the stage to write) or --rollback (the flag off for everyone).");
            }
            var loaded = PlanFiles.Load(context.Get(plan));
            FlagExportResult result;
            try
            {
                result = exporter(loaded.Plan, new FlagExportRequest(context.Parse.GetValue(flag), isRollback ? null : stageName));
            }
            catch (ExportException problem)
            {
                throw new UserError(loaded.File + ": " + problem.Message);
            }
            return ExportOutput.Write(context, result, folder, refuseKinds, format);
        });
    }
}
