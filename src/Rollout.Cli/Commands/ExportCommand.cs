using System.CommandLine;
using Rollout.Export.Targets;

namespace Rollout.Cli.Commands;

/// <summary>
/// <c>rollout export &lt;target&gt; &lt;plan.json&gt; -o &lt;dir&gt;</c>: one subcommand per registered export target
/// (<see cref="ExportTargets.Builtin"/>), each with that target's own options (<see cref="ExportTargetCommand"/>).
/// </summary>
internal static class ExportCommand
{
    public static Command Create(ExportTargets targets)
    {
        var export = new Command("export",
            "Turn a plan file into what an engine runs (manifests of a progressive-delivery engine, or one stage's feature flag): one subcommand per export target, each with its own options.\n"
            + "Everything the target cannot express is printed as a warning.");
        foreach (var target in targets.All) export.Subcommands.Add(ExportTargetCommand.Create(target, targets));
        return export;
    }
}
