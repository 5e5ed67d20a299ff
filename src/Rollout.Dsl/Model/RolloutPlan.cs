using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Rollout.Dsl;

/// <summary>
/// A complete release plan: stages, stop-losses, rollback, authority and point of no return.
/// Immutable and compared by value. Start one with <see cref="Create"/>. The checks and renderers
/// (<c>Validate()</c>, <c>ToRunbook()</c>, <c>ToJson()</c>) are layers above the model: see <see cref="RolloutPlanExtensions"/>.
/// </summary>
public sealed record RolloutPlan
{
    private readonly EquatableList<Surface> _touches = EquatableList<Surface>.Empty;
    private readonly EquatableList<Stage> _stages = EquatableList<Stage>.Empty;
    private readonly EquatableList<StopLoss> _stopLosses = EquatableList<StopLoss>.Empty;
    private readonly EquatableList<RollbackStep> _rollback = EquatableList<RollbackStep>.Empty;
    private readonly EquatableList<Measurement> _measurements = EquatableList<Measurement>.Empty;

    /// <summary>Lower-case letters, digits and dashes; names the plan's artifacts.</summary>
    public required string Id { get; init; }

    public string? Title { get; init; }

    public string? Owner { get; init; }

    public IReadOnlyList<Surface> Touches { get => _touches; init => _touches = EquatableList<Surface>.Of(value); }

    public IReadOnlyList<Stage> Stages { get => _stages; init => _stages = EquatableList<Stage>.Of(value); }

    public IReadOnlyList<StopLoss> StopLosses { get => _stopLosses; init => _stopLosses = EquatableList<StopLoss>.Of(value); }

    /// <summary>Rollback steps in execution order; empty means no rollback is defined.</summary>
    public IReadOnlyList<RollbackStep> Rollback { get => _rollback; init => _rollback = EquatableList<RollbackStep>.Of(value); }

    /// <summary>How each metric is measured, in the order written; the first measurement of a metric name counts.</summary>
    public IReadOnlyList<Measurement> Measurements { get => _measurements; init => _measurements = EquatableList<Measurement>.Of(value); }

    /// <summary>How often stop-losses are evaluated and over what window; <see cref="Dsl.StopLossEvaluation.Default"/> unless set.</summary>
    public StopLossEvaluation StopLossEvaluation { get; init; } = StopLossEvaluation.Default;

    public AuthorityRules? Authority { get; init; }

    public PointOfNoReturn? PointOfNoReturn { get; init; }

    public SpecSource? Source { get; init; }

    /// <summary>Starts a plan. <paramref name="id"/> is lower-case letters, digits and dashes, unique in the project.</summary>
    public static RolloutPlanBuilder Create(
        string id,
        [CallerMemberName] string specMember = "",
        [CallerFilePath] string specFile = "") =>
        new(id, new SpecSource { Member = specMember, File = FileName(specFile) });

    /// <summary>How <paramref name="metric"/> is measured (matched by name), or null when the plan does not say (or there is no metric).</summary>
    public Measurement? MeasurementOf(Metric? metric)
    {
        // A condition built without a metric (only possible around the builders) is ROLL022's finding, not a crash here.
        if (metric is null) return null;
        foreach (var measurement in Measurements)
        {
            if (measurement.Metric?.Name == metric.Name) return measurement;
        }
        return null;
    }

    /// <summary>
    /// The window a stage's advance gates are measured over: its observation window, else (a stage
    /// without one) the stop-loss window.
    /// </summary>
    public System.TimeSpan GateWindowOf(Stage stage) =>
        (stage ?? throw new System.ArgumentNullException(nameof(stage))).Observe is { } observe && observe > System.TimeSpan.Zero ? observe : StopLossEvaluation.Window;

    private static string FileName(string path)
    {
        var cut = path.LastIndexOfAny(new[] { '/', '\\' });
        return cut < 0 ? path : path.Substring(cut + 1);
    }
}
