using System;
using System.Collections.Generic;
using System.Linq;
using Rollout.Dsl;
using Rollout.Export;
using Rollout.Export.Targets;

namespace Rollout.Cli.Tests.Infrastructure;

/// <summary>
/// An export target the tool does not ship, written as a new target would be: this one class, registered with
/// <c>ExportTargets.Builtin.With(new ToyTarget())</c>. It writes <c>&lt;plan-id&gt;.toy.txt</c>, a greeting per stage;
/// <c>--loud</c> adds an approximation warning (so --strict has something to refuse). <paramref name="extra"/> declares
/// more options, for the tests of what registration refuses.
/// </summary>
public sealed class ToyTarget(params ExportOption[] extra) : IExportTarget
{
    public static readonly ExportOption Greeting = new(ExportOptionKind.Text, "--greeting", "What the file says to each stage.") { HelpName = "words", Required = true };

    public static readonly ExportOption Loud = new(ExportOptionKind.Switch, "--loud", "Shout, which the plan never asked for.");

    public static readonly ExportOption Times = new(ExportOptionKind.Number, "--times", "How often to say it (default 1).") { HelpName = "n" };

    public string Name => "toy";

    public string Description => "Write a greeting for every stage of a plan, as " + FileName("<plan-id>") + ".";

    public string Example => "rollout export toy rollout/new-checkout-flow.plan.json --greeting hello -o toys/";

    public string NotExpressed => "everything but the stage names";

    public IReadOnlyList<ExportOption> Options => [Greeting, Loud, Times, .. extra];

    public string FileName(string planId) => planId + ".toy.txt";

    public Func<RolloutPlan, IExportFile> Prepare(ExportArguments arguments)
    {
        var greeting = arguments.Text(Greeting) ?? "";
        if (greeting.Trim().Length == 0) throw new ExportException("--greeting is blank; say something, e.g. --greeting hello.");
        var loud = arguments.Switch(Loud);
        var times = arguments.Number(Times) ?? 1;
        return plan =>
        {
            if (plan.PointOfNoReturn is not null) throw new ExportException("Plan '" + plan.Id + "' has a point of no return; a toy cannot keep it.");
            var words = loud ? greeting.ToUpperInvariant() : greeting;
            var text = string.Concat(plan.Stages.Select(s => string.Join(" ", Enumerable.Repeat(words, times)) + ", " + s.Name + "\n"));
            var warnings = loud ? new[] { new ExportWarning(ExportWarningKind.Approximation, "tone", "the plan never asked to shout.") } : [];
            return new ExportFile("toy", plan.Id, FileName(plan.Id), text, plan.Stages.Count + " greeting(s)", warnings);
        };
    }
}
