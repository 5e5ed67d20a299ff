using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Rollout.Dsl.Rendering;
using Rollout.Dsl.Rules;

namespace Rollout.Dsl;

/// <summary>
/// A complete release plan: stages, stop-losses, rollback, authority and point of no return.
/// Immutable and compared by value. Start one with <see cref="Create"/>.
/// </summary>
public sealed record RolloutPlan(string Id)
{
    public string? Title { get; init; }

    public string? Owner { get; init; }

    public EquatableList<Surface> Touches { get; init; } = EquatableList<Surface>.Empty;

    public EquatableList<Stage> Stages { get; init; } = EquatableList<Stage>.Empty;

    public EquatableList<StopLoss> StopLosses { get; init; } = EquatableList<StopLoss>.Empty;

    /// <summary>Rollback steps in execution order; empty means no rollback is defined.</summary>
    public EquatableList<RollbackStep> Rollback { get; init; } = EquatableList<RollbackStep>.Empty;

    public AuthorityRules? Authority { get; init; }

    public PointOfNoReturn? PointOfNoReturn { get; init; }

    public SpecSource? Source { get; init; }

    /// <summary>Starts a plan. <paramref name="id"/> is lower-case letters, digits and dashes, unique in the project.</summary>
    public static RolloutPlanBuilder Create(
        string id,
        [CallerMemberName] string specMember = "",
        [CallerFilePath] string specFile = "") =>
        new(id, new SpecSource(specMember, FileName(specFile)));

    /// <summary>Runs every readiness rule; an empty list means the plan is ready.</summary>
    public IReadOnlyList<Finding> Validate() => RuleCatalog.Evaluate(this);

    /// <summary>The machine-readable plan (schemaVersion 1).</summary>
    public string ToJson() => JsonPlanWriter.Write(this);

    /// <summary>The Markdown runbook an on-call engineer reads during the rollout.</summary>
    public string ToRunbook() => MarkdownRunbook.Render(this);

    private static string FileName(string path)
    {
        var cut = path.LastIndexOfAny(new[] { '/', '\\' });
        return cut < 0 ? path : path.Substring(cut + 1);
    }
}
