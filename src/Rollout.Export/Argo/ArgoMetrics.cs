using System;
using Rollout.Dsl;
using Rollout.Export.Plan;
using Rollout.Export.Yaml;

namespace Rollout.Export.Argo;

/// <summary>
/// The two kinds of Argo Rollouts metric a plan becomes: a held advance gate and a stop-loss. Each rule of the engine
/// they rely on is cited from argoproj/argo-rollouts (the commit of the CRDs in shared/data).
/// </summary>
internal static class ArgoMetrics
{
    /// <summary>
    /// A limit no run reaches (int32 max; the fields are int32 in the controller). Used for consecutiveErrorLimit, so
    /// that an erroring Prometheus holds instead of aborting: analysis/analysis.go assessMetricFailureInconclusiveOrError
    /// turns the metric into Error once ConsecutiveError &gt; consecutiveErrorLimit (default 4, utils/defaults/defaults.go
    /// DefaultConsecutiveErrorLimit), and generateMetricTasks retries an errored measurement after DefaultErrorRetryInterval
    /// (10 s), so the default aborts after under a minute of errors.
    /// </summary>
    public const int Unlimited = int.MaxValue;

    /// <summary>
    /// An advance gate that holds until met, measured over the whole observation window with the plan's own query:
    /// <list type="bullet">
    /// <item><c>initialDelay</c> = the window: generateMetricTasks takes no measurement before run start + initialDelay, so the
    /// first measurement looks at exactly the stage's window, never before the stage began;</item>
    /// <item>no <c>failureCondition</c>: utils/evaluate/evaluate.go EvaluateResult makes a measurement whose successCondition
    /// is false Failed (missing, NaN or several series included), never Inconclusive, so the run never pauses the rollout;</item>
    /// <item><c>failureLimit: -1</c> and <c>consecutiveSuccessLimit: 1</c> without <c>count</c>: assessMetricStatus ignores
    /// failures and completes the metric Successful at the first success; until then it re-measures every
    /// <paramref name="recheck"/> over the trailing window — the hold — while the stop-losses stay live;</item>
    /// <item><c>consecutiveErrorLimit</c> <see cref="Unlimited"/>: query errors hold too.</item>
    /// </list>
    /// </summary>
    public static YamlMap HeldGate(PlanShape shape, KubernetesOptions options, Condition gate, TimeSpan window, TimeSpan recheck) =>
        new YamlMap()
            .Add("name", KubeName.Of(gate.Metric.Name, "metric"))
            .Add("initialDelay", EngineDuration.Go(window))
            .Add("interval", EngineDuration.Go(recheck))
            .Add("successCondition", ArgoCondition.Holds(gate))
            .Add("failureLimit", -1)
            .Add("consecutiveSuccessLimit", 1)
            .Add("consecutiveErrorLimit", Unlimited)
            .Add("provider", Prometheus(options, shape.Query(gate.Metric, window)));

    /// <summary>
    /// A stage may advance only with every stop-loss measured and clear (docs/semantics.md rule 4): held like a gate
    /// (<see cref="HeldGate"/>), first measured after <paramref name="delay"/>, successful once the stop-loss has one value
    /// on the safe side; a crossing or missing data holds. The crossing itself is acted on by <see cref="StopLoss"/>.
    /// </summary>
    public static YamlMap Clear(PlanShape shape, KubernetesOptions options, StopLoss stopLoss, TimeSpan delay) =>
        new YamlMap()
            .Add("name", "clear-" + KubeName.Of(stopLoss.When.Metric.Name, "metric"))
            .Add("initialDelay", delay > TimeSpan.Zero ? EngineDuration.Go(delay) : null)
            .Add("interval", EngineDuration.Go(shape.StopLossEvery))
            .Add("successCondition", ArgoCondition.Fails(stopLoss.When))
            .Add("failureLimit", -1)
            .Add("consecutiveSuccessLimit", 1)
            .Add("consecutiveErrorLimit", Unlimited)
            .Add("provider", Prometheus(options, shape.Query(stopLoss.When.Metric, shape.StopLossWindow)));

    /// <summary>
    /// A stop-loss, measured every evaluation period over the plan's stop-loss window; <paramref name="count"/> null runs
    /// until the run ends (a metric without count runs indefinitely: assessMetricStatus).
    /// <list type="bullet">
    /// <item>rollback: failureCondition is the crossing, so a crossing is Failed and with failureLimit 0 the run fails,
    /// which aborts the rollout (rollout/analysis.go reconcileBackgroundAnalysisRun / reconcileStepBasedAnalysisRun AddAbort);
    /// missing data is Inconclusive (neither condition true), and <c>inconclusiveLimit</c> (the count, or
    /// <see cref="Unlimited"/>; utils/analysis/factory.go ValidateMetric wants count ≥ inconclusiveLimit) keeps it from
    /// pausing the rollout, which would stop the background run from being acted on;</item>
    /// <item>halt: successCondition "not crossed" (missing data included) and failureCondition false, so only a crossing is
    /// Inconclusive, and the run's Inconclusive pauses the rollout (AddPauseCondition InconclusiveAnalysis).</item>
    /// </list>
    /// </summary>
    /// <remarks>Past the point of no return (<paramref name="pastPoint"/>) every stop-loss takes the halt form: nothing
    /// rolls back automatically there, and a crossed rollback stop-loss halts for the forward fix (docs/semantics.md rule 5).</remarks>
    public static YamlMap StopLoss(PlanShape shape, KubernetesOptions options, StopLoss stopLoss, int? count, string prefix, bool pastPoint = false)
    {
        var rollback = stopLoss.Action == StopLossAction.Rollback && !pastPoint;
        return new YamlMap()
            .Add("name", prefix + KubeName.Of(stopLoss.When.Metric.Name, "metric"))
            .Add("interval", EngineDuration.Go(shape.StopLossEvery))
            .Add("count", count)
            .Add("successCondition", rollback ? ArgoCondition.Fails(stopLoss.When) : ArgoCondition.NotHolding(stopLoss.When))
            .Add("failureCondition", rollback ? ArgoCondition.Holds(stopLoss.When) : ArgoCondition.Never)
            .Add("inconclusiveLimit", rollback ? count ?? Unlimited : (int?)null)
            .Add("consecutiveErrorLimit", Unlimited)
            .Add("provider", Prometheus(options, shape.Query(stopLoss.When.Metric, shape.StopLossWindow)));
    }

    private static YamlMap Prometheus(KubernetesOptions options, string query) =>
        new YamlMap().Add("prometheus", new YamlMap().Add("address", options.PrometheusAddress).Add("query", query));
}
