using System;
using System.CommandLine;
using Rollout.Cli.Hosting;
using Rollout.Plans;
using Rollout.Run;

namespace Rollout.Cli.Commands;

/// <summary>
/// <c>rollout approve &lt;state&gt; --by ROLE [--note TEXT]</c>: records a person's approval where a release waits for one, if the
/// plan empowers the role there; <c>rollout run</c> takes it at its next evaluation and writes who approved to the audit log.
/// </summary>
internal static class ApproveCommand
{
    public static Command Create()
    {
        var state = PathArgument.One("state", "The release's state file (rollout run --state).");
        var by = new Option<string>("--by") { Description = "The approver's role, as the plan names it (e.g. \"on-call engineer\").", Required = true, HelpName = "role" };
        var note = new Option<string?>("--note") { Description = "Why, in one line; kept in the audit log.", HelpName = "text" };
        var command = new Command("approve",
            "Approve where a release run by rollout run waits for a person (before the point of no return, after a stage nothing else can prove, or to resume a halt). "
            + "The plan's authority rules decide who may: a role it does not empower here is refused and nothing is written.\n"
            + "Exit codes: 0 recorded, 2 unusable input (no such state, nothing waits, a role the plan does not empower; nothing written).\n"
            + "Example: rollout approve release.json --by \"on-call engineer\" --note \"merge checked on tenant 7\"")
        {
            state, by, note,
        };
        return command.WithAction(context =>
        {
            var statePath = context.Get(state);
            try
            {
                var current = RunStateFile.ReadExisting(statePath);
                var plan = PlanFiles.Load(current.PlanFile).Plan;
                var said = ApprovalDesk.Record(statePath, plan, context.Get(by), context.Parse.GetValue(note), DateTimeOffset.UtcNow);
                context.Output.Write(said + "\n");
                return ExitCodes.Ok;
            }
            catch (RunInputException problem)
            {
                throw new UserError(problem.Message, problem);
            }
        });
    }
}
