using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using Rollout.Cli.Commands;
using Rollout.Cli.Hosting;
using Rollout.Export.Targets;

namespace Rollout.Cli;

/// <summary>
/// The `rollout` tool. Adding a command is one file and one line:
/// 1. Commands/XyzCommand.cs: <c>internal static class XyzCommand { public static Command Create() }</c> that builds a
///    System.CommandLine <see cref="Command"/> (description with an example, arguments, <c>new FormatOption()</c> if it
///    prints a report) and ends with <c>.WithAction(context => ...)</c> returning an <see cref="ExitCodes"/> value.
/// 2. One line in <see cref="Commands"/> below.
/// Plans are loaded with <c>PlanFiles</c>, files written with <see cref="AtomicFile"/>, bad input thrown as <see cref="UserError"/>.
/// See docs/cli.md.
/// </summary>
public static class RolloutCli
{
    /// <summary>Every command of the tool, in the order help lists them; <c>export</c> has one subcommand per target.</summary>
    private static IEnumerable<Command> Commands(ExportTargets targets) =>
    [
        ValidateCommand.Create(),
        RenderCommand.Create(),
        DiffCommand.Create(),
        ExportCommand.Create(targets),
        GateCommand.Create(),
        SimulateCommand.Create(),
        BacktestCommand.Create(),
        RunCommand.Create(),
        ApproveCommand.Create(),
    ];

    public static RootCommand CreateRoot() => CreateRoot(ExportTargets.Builtin);

    internal static RootCommand CreateRoot(ExportTargets targets)
    {
        var root = new RootCommand("rollout: check, render and compare RolloutDsl release plans (<plan-id>.plan.json) in a release pipeline.\n"
            + "Exit codes: 0 ok, 1 findings or changes (none riskier), 2 unusable input (nothing written), 3 diff found a riskier change; "
            + "gate (and simulate's final state): 10 hold, 20 roll back, 30 halt.");
        foreach (var command in Commands(targets)) root.Add(command);
        return root;
    }

    /// <summary>The tool's entry point with its output streams; <see cref="Program.Main"/> passes the console.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error) => Run(args, output, error, ExportTargets.Builtin);

    /// <summary>The tool with <paramref name="targets"/> as the export targets (tests register one of their own).</summary>
    internal static int Run(string[] args, TextWriter output, TextWriter error, ExportTargets targets)
    {
        output.NewLine = "\n";
        error.NewLine = "\n";
        var parse = CreateRoot(targets).Parse(args);
        if (parse.Errors.Count > 0)
        {
            if (ExportTargetCommand.ExplainUnmatched(parse, targets) is { } unmatched)
            {
                CommandAction.WriteError(error, unmatched);
                return ExitCodes.UnusableInput;
            }
            // System.CommandLine would print help and exit 1; a bad command line is unusable input (2), said in one line each.
            foreach (var problem in parse.Errors) CommandAction.WriteError(error, problem.Message);
            error.Write("Run 'rollout " + CommandPath(parse) + "--help' for usage.\n");
            return ExitCodes.UnusableInput;
        }
        return parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            names.Insert(0, result.Command.Name);
        }
        return names.Count == 0 ? "" : string.Join(" ", names) + " ";
    }
}
