using System.CommandLine;
using System.IO;
using Rollout.Cli.Hosting;
using Rollout.Plans;
using Rollout.Dsl;

namespace Rollout.Cli.Commands;

/// <summary><c>rollout render &lt;plan.json&gt; [-o dir]</c>: the runbook, byte for byte what the build writes.</summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var plan = PathArgument.One("plan", "The <plan-id>.plan.json file.");
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Folder to write <plan-id>.runbook.md into (it must exist). Without it the runbook goes to stdout.",
            HelpName = "dir",
        };
        var command = new Command("render",
            "Write the Markdown runbook of a plan file: byte for byte what the build writes beside the plan.\n"
            + "Exit codes: 0 written, 2 unusable input (nothing written).\n"
            + "Example: rollout render rollout/new-checkout-flow.plan.json -o runbooks/")
        {
            plan,
            output,
        };
        return command.WithAction(context =>
        {
            var loaded = PlanFiles.Load(context.Get(plan));
            var runbook = loaded.Plan.ToRunbook();
            if (!Rollout.Dsl.PlanId.IsValid(loaded.Plan.Id))
            {
                throw UserError.At(loaded.File, "id", "plan id is not a valid file name (ROLL016); fix the id before rendering.");
            }
            if (context.Parse.GetValue(output) is { } folder)
            {
                if (!Directory.Exists(folder)) throw new UserError(folder + ": output folder does not exist; create it or pass another one with -o.");
                AtomicFile.Write(Path.Combine(folder, loaded.Plan.Id + ".runbook.md"), runbook);
            }
            else
            {
                context.Output.Write(runbook);
            }
            return ExitCodes.Ok;
        });
    }
}
