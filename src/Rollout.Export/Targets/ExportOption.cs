using System.Collections.Generic;

namespace Rollout.Export.Targets;

/// <summary>The value an option takes: one word, a whole number, or none (present or not).</summary>
public enum ExportOptionKind
{
    Text,
    Number,
    Switch,
}

/// <summary>
/// An option a target declares for its subcommand, in words that do not depend on a command-line library: the CLI turns
/// it into a System.CommandLine option and hands the value back in <see cref="ExportArguments"/>.
/// </summary>
public sealed class ExportOption(ExportOptionKind kind, string name, string description)
{
    public ExportOptionKind Kind { get; } = kind;

    /// <summary>The spelling help shows, e.g. <c>--workload</c>.</summary>
    public string Name { get; } = name;

    public string Description { get; } = description;

    /// <summary>The placeholder for the value in help (<c>--workload &lt;kind/name&gt;</c>); none for a switch.</summary>
    public string? HelpName { get; init; }

    /// <summary>Other spellings that mean the same option (an old name kept working).</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>The command line is refused without it.</summary>
    public bool Required { get; init; }

    /// <summary>An option that takes one word, shown in help as <c>name &lt;helpName&gt;</c>.</summary>
    public static ExportOption Text(string name, string helpName, string description) => new(ExportOptionKind.Text, name, description) { HelpName = helpName };

    /// <summary>An option that takes a whole number.</summary>
    public static ExportOption Number(string name, string helpName, string description) => new(ExportOptionKind.Number, name, description) { HelpName = helpName };

    /// <summary>An option that takes no value: given or not.</summary>
    public static ExportOption Switch(string name, string description) => new(ExportOptionKind.Switch, name, description);

    /// <summary><see cref="Name"/> and every alias.</summary>
    public IEnumerable<string> Spellings => [Name, .. Aliases];
}
