using System;
using System.CommandLine;
using System.IO;

namespace Rollout.Cli.Hosting;

/// <summary>Runs a command body with the tool's error policy, so no command handles errors on its own.</summary>
public static class CommandAction
{
    /// <summary>
    /// Sets <paramref name="body"/> as the command's action. A <see cref="UserError"/> (or a plan file that cannot be used) becomes its one-line message on
    /// stderr and exit 2; any other exception is a bug: one line naming it and exit 2 (set ROLLOUT_DEBUG=1 for the stack).
    /// </summary>
    public static Command WithAction(this Command command, Func<CommandContext, int> body)
    {
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                return body(new CommandContext(parse, output, error));
            }
            catch (Exception problem) when (problem is UserError or Rollout.Plans.PlanFileException)
            {
                WriteError(error, problem.Message);
                return ExitCodes.UnusableInput;
            }
            catch (Exception bug) when (bug is not OutOfMemoryException)
            {
                WriteError(error, "internal error: " + bug.GetType().Name + ": " + bug.Message + " (a bug in rollout; please report it with the input)");
                if (Environment.GetEnvironmentVariable("ROLLOUT_DEBUG") == "1") error.Write(bug + "\n");
                return ExitCodes.UnusableInput;
            }
        });
        return command;
    }

    internal static void WriteError(TextWriter error, string message) => error.Write("rollout: " + SingleLine(message) + "\n");

    // One line, whatever a file name or exception message contains.
    private static string SingleLine(string text) => text.Replace("\r\n", " ").Replace('\n', ' ').Replace('\r', ' ');
}
