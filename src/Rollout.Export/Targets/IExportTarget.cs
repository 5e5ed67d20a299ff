using System;
using System.Collections.Generic;
using Rollout.Dsl;

namespace Rollout.Export.Targets;

/// <summary>
/// One thing a plan can be exported to (an engine's manifests, a flag file): <c>rollout export &lt;Name&gt;</c> is built from
/// it, with only the options it declares here besides the ones every target shares (--output, --strict, --format).
/// Adding a target is this class and one entry in <see cref="ExportTargets.Builtin"/>; docs/contributing.md lists the rest.
/// </summary>
public interface IExportTarget
{
    /// <summary>The subcommand, <c>rollout export &lt;name&gt;</c>: lower-case letters, digits and '-'.</summary>
    string Name { get; }

    /// <summary>What the target writes, the first lines of its help (the CLI adds the exit codes and <see cref="Example"/>).</summary>
    string Description { get; }

    /// <summary>One whole command line that works, starting <c>rollout export &lt;name&gt;</c>.</summary>
    string Example { get; }

    /// <summary>What <c>--strict=all</c> also refuses, in a few words: what the target cannot express.</summary>
    string NotExpressed { get; }

    /// <summary>The name of the file written for a plan (help shows it for <c>&lt;plan-id&gt;</c>).</summary>
    string FileName(string planId);

    /// <summary>The options the target owns, in the order help lists them.</summary>
    IReadOnlyList<ExportOption> Options { get; }

    /// <summary>
    /// Reads and checks the option values before any plan is loaded (an <see cref="ExportException"/> names the option);
    /// the export it returns turns a plan into the file (an <see cref="ExportException"/> says what in the plan it cannot use).
    /// </summary>
    Func<RolloutPlan, IExportFile> Prepare(ExportArguments arguments);
}
