using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.Linq;
using Rollout.Cli.Hosting;
using Rollout.Dsl;
using Rollout.Export;
using Rollout.Export.Targets;
using Rollout.Plans;

namespace Rollout.Cli.Commands;

/// <summary>
/// <c>rollout export &lt;target&gt;</c> built from an <see cref="IExportTarget"/>: the plan argument, the target's own options,
/// and what every target shares (--output, --strict, --format; writing and the report are <see cref="ExportOutput"/>).
/// </summary>
internal static class ExportTargetCommand
{
    /// <param name="target">The target the subcommand runs.</param>
    /// <param name="targets">Every registered target, to say which one has an option this one lacks.</param>
    public static Command Create(IExportTarget target, ExportTargets targets)
    {
        var plan = PathArgument.One("plan", "The <plan-id>.plan.json file.");
        var output = new Option<string>("--output", "-o") { Description = "Folder to write " + target.FileName("<plan-id>") + " into (created if missing).", HelpName = "dir", Required = true };
        var strict = ExportOutput.StrictOption(target.NotExpressed);
        var format = new FormatOption();
        var own = target.Options.Select(TargetOption.Of).ToList();
        RefuseShared(target, [output, strict, format, new HelpOption()]);

        var command = new Command(target.Name, target.Description + "\n"
            + "Exit codes: 0 written (warnings printed), 1 refused by --strict (nothing written), 2 unusable input (nothing written).\n"
            + "Example: " + target.Example)
        {
            plan, output,
        };
        foreach (var option in own) command.Options.Add(option.Symbol);
        command.Options.Add(strict);
        command.Options.Add(format);
        return command.WithAction(context =>
        {
            var folder = ExportOutput.Folder(context, output);
            var refuseKinds = ExportOutput.StrictKinds(context.Parse, strict);
            var arguments = new ExportArguments();
            foreach (var option in own) arguments.Set(option.Declared, option.Read(context.Parse));
            Func<RolloutPlan, IExportFile> export;
            try
            {
                export = target.Prepare(arguments);
            }
            catch (ExportException problem)
            {
                throw new UserError(problem.Message);
            }
            var loaded = PlanFiles.Load(context.Get(plan));
            IExportFile result;
            try
            {
                result = export(loaded.Plan);
            }
            catch (ExportException problem)
            {
                throw new UserError(loaded.File + ": " + problem.Message);
            }
            return ExportOutput.Write(context, result, folder, refuseKinds, format);
        });
    }

    /// <summary>
    /// When <paramref name="parse"/> failed on a token <c>rollout export &lt;target&gt;</c> does not know, one line that says
    /// so (and which target has the option, if one does) instead of System.CommandLine's generic lines; null otherwise.
    /// </summary>
    public static string? ExplainUnmatched(ParseResult parse, ExportTargets targets)
    {
        if (parse.UnmatchedTokens.Count == 0) return null;
        var command = parse.CommandResult.Command;
        if (parse.CommandResult.Parent is not System.CommandLine.Parsing.CommandResult { Command.Name: "export" }) return null;
        var target = targets.All.FirstOrDefault(t => t.Name == command.Name);
        if (target is null) return null;
        var help = "run 'rollout export " + target.Name + " --help' for its options.";
        var token = parse.UnmatchedTokens.FirstOrDefault(t => t.StartsWith('-'));
        if (token is null)
            return "export " + target.Name + " takes one plan file; '" + parse.UnmatchedTokens[0] + "' is one argument too many; " + help;
        var spelling = token.Split('=', 2)[0];
        var owners = targets.Declaring(spelling).Select(t => "export " + t.Name).ToList();
        return "export " + target.Name + " has no option " + spelling
            + (owners.Count == 0 ? "" : " (" + string.Join(" and ", owners) + (owners.Count == 1 ? " has it" : " have it") + ")") + "; " + help;
    }

    /// <summary>A target that declares a spelling every target already has would shadow it: a bug in the target, said at startup.</summary>
    private static void RefuseShared(IExportTarget target, IEnumerable<Option> shared)
    {
        var taken = shared.SelectMany(o => o.Aliases.Prepend(o.Name)).ToHashSet(StringComparer.Ordinal);
        var clash = target.Options.SelectMany(o => o.Spellings).FirstOrDefault(taken.Contains);
        if (clash is not null)
        {
            throw new InvalidOperationException("export target '" + target.Name + "' declares option " + clash
                + ", which every export target already has (" + string.Join(", ", taken.Order(StringComparer.Ordinal)) + "); give it another name.");
        }
    }

    /// <summary>A declared option and the System.CommandLine option that stands for it.</summary>
    private sealed record TargetOption(ExportOption Declared, Option Symbol)
    {
        public static TargetOption Of(ExportOption declared)
        {
            var aliases = declared.Aliases.ToArray();
            Option symbol = declared.Kind switch
            {
                ExportOptionKind.Text => new Option<string?>(declared.Name, aliases),
                ExportOptionKind.Number => new Option<int?>(declared.Name, aliases),
                _ => new Option<bool>(declared.Name, aliases),
            };
            symbol.Description = declared.Description;
            symbol.HelpName = declared.HelpName;
            symbol.Required = declared.Required;
            return new TargetOption(declared, symbol);
        }

        public object? Read(ParseResult parse) => Symbol switch
        {
            Option<string?> text => parse.GetValue(text),
            Option<int?> number => parse.GetValue(number),
            Option<bool> flag => parse.GetValue(flag),
            _ => throw new InvalidOperationException(Declared.Name + ": no reader for " + Symbol.GetType().Name + "."),
        };
    }
}
