using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Rollout.Export.Argo;
using Rollout.Export.Flagger;
using Rollout.Export.Flags;

namespace Rollout.Export.Targets;

/// <summary>
/// The export targets, in the order <c>rollout export --help</c> lists them. A target is checked when it is registered:
/// a clash of names (two targets, or an option a target declares twice) fails here, before any command line is read.
/// </summary>
public sealed class ExportTargets
{
    private static readonly Regex TargetName = new("^[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant);
    private static readonly Regex OptionName = new("^--?[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant);

    /// <summary>Every target the tool ships; registering a new one is one entry here.</summary>
    public static ExportTargets Builtin { get; } = new(
        new ArgoTarget(),
        new FlaggerTarget(),
        FlagTarget.Flagd,
        FlagTarget.FeatureManagement);

    public ExportTargets(params IEnumerable<IExportTarget> targets)
    {
        All = targets.ToList();
        foreach (var target in All) Check(target);
        var twice = All.GroupBy(t => t.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new InvalidOperationException("export target '" + twice.Key + "' is registered twice; each target needs its own name.");
    }

    public IReadOnlyList<IExportTarget> All { get; }

    /// <summary>The targets that have an option spelled <paramref name="spelling"/>.</summary>
    public IEnumerable<IExportTarget> Declaring(string spelling) =>
        All.Where(t => t.Options.Any(o => o.Spellings.Contains(spelling, StringComparer.Ordinal)));

    /// <summary>These targets and <paramref name="target"/> after them.</summary>
    public ExportTargets With(IExportTarget target) => new([.. All, target]);

    private static void Check(IExportTarget target)
    {
        if (!TargetName.IsMatch(target.Name))
            throw new InvalidOperationException("export target '" + target.Name + "': a target's name is lower-case letters, digits and '-'.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var spelling in target.Options.SelectMany(o => o.Spellings))
        {
            if (!OptionName.IsMatch(spelling))
                throw new InvalidOperationException("export target '" + target.Name + "': option '" + spelling + "' is not an option name (--lower-case-words).");
            if (!seen.Add(spelling))
                throw new InvalidOperationException("export target '" + target.Name + "' declares option " + spelling + " twice.");
        }
    }
}
