using System.Runtime.CompilerServices;

namespace Rollout.Dsl;

/// <summary>
/// A complete release plan: stages, stop-losses, rollback, authority and point of no return.
/// Immutable and compared by value. Start one with <see cref="Create"/>. The checks and renderers
/// (<c>Validate()</c>, <c>ToRunbook()</c>, <c>ToJson()</c>) are layers above the model: see <see cref="RolloutPlanExtensions"/>.
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

    /// <summary>How each metric is measured, in the order written; the first measurement of a metric name counts.</summary>
    public EquatableList<Measurement> Measurements { get; init; } = EquatableList<Measurement>.Empty;

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
        new(id, new SpecSource(specMember, FileName(specFile)));

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
