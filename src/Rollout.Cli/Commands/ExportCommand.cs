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
            "Turn a plan file into what an engine runs: the manifests of a progressive-delivery engine (Argo Rollouts, Flagger) or one stage's feature flag (flagd, Microsoft.FeatureManagement); one subcommand per target.\n"
            + "Everything the target cannot express is printed as a warning (and kept in the manifests' annotations).");
        foreach (var target in targets.All) export.Subcommands.Add(ExportTargetCommand.Create(target, targets));
        return export;
    }
}
