using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Rollout.Dsl;
using Rollout.Dsl.Text;

namespace Rollout.Gates;

/// <summary>
/// Decides whether a stage of a plan may advance, by asking Prometheus: stop-losses first (each over the
/// plan's stop-loss window), then the stage's advance gates (over its observation window). Fail-safe:
/// a check without a usable value has no data, and no data never advances.
/// </summary>
public sealed class GateEvaluator
{
    private readonly PrometheusClient _prometheus;
    private readonly GateOptions _options;

    public GateEvaluator(HttpClient http, Uri prometheus, GateOptions? options = null)
    {
        _options = options ?? new GateOptions();
        if (_options.Timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "The timeout must be positive.");
        _prometheus = new PrometheusClient(http, prometheus, _options);
    }

    /// <summary>
    /// Evaluates stage <paramref name="stageName"/> of <paramref name="plan"/>. With <paramref name="startedAt"/>
    /// (when the stage began), a stage whose observation time has not run yet holds with the time left.
    /// Throws <see cref="ArgumentException"/> for a stage the plan does not have.
    /// </summary>
    public async Task<GateResult> EvaluateAsync(RolloutPlan plan, string stageName, DateTimeOffset? startedAt = null, CancellationToken cancellationToken = default)
    {
        if (plan is null) throw new ArgumentNullException(nameof(plan));
        var index = plan.Stages.ToList().FindIndex(s => s.Name == stageName);
        if (index < 0)
        {
            throw new ArgumentException("Plan '" + plan.Id + "' has no stage '" + stageName + "'; its stages are " + string.Join(", ", plan.Stages.Select(s => "'" + s.Name + "'")) + ".", nameof(stageName));
        }
        var stage = plan.Stages[index];
        var now = _options.Time.GetUtcNow();

        using var overall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        overall.CancelAfter(_options.Timeout);

        var checks = new List<GateCheck>();
        foreach (var stopLoss in plan.StopLosses)
        {
            checks.Add(await CheckAsync(plan, CheckKind.StopLoss, stopLoss.When, plan.StopLossEvaluation.Window, stopLoss.Action, now, overall, cancellationToken).ConfigureAwait(false));
        }
        var window = plan.GateWindowOf(stage);
        foreach (var gate in stage.AdvanceWhen)
        {
            checks.Add(await CheckAsync(plan, CheckKind.AdvanceGate, gate, window, null, now, overall, cancellationToken).ConfigureAwait(false));
        }

        var timeLeft = TimeLeft(plan, index, startedAt, now);
        var (decision, reason) = Decide(plan, index, checks, timeLeft);
        return new GateResult(plan.Id, stage.Name, decision, reason, checks, now, timeLeft);
    }

    private async Task<GateCheck> CheckAsync(RolloutPlan plan, CheckKind kind, Condition condition, TimeSpan window, StopLossAction? action, DateTimeOffset now, CancellationTokenSource overall, CancellationToken caller)
    {
        var measurement = plan.MeasurementOf(condition.Metric);
        if (measurement is null)
        {
            return new GateCheck(kind, condition, null, window, null, Verdict.NoData, "the plan does not say how " + condition.Metric.Name + " is measured (ROLL024)", action);
        }
        var query = measurement.QueryOver(window);
        PrometheusAnswer answer;
        try
        {
            answer = await _prometheus.QueryAsync(query, now, window, overall.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!caller.IsCancellationRequested)
        {
            answer = PrometheusAnswer.NoData("no answer within the overall timeout of " + Invariant.Duration(_options.Timeout));
        }
        if (answer.Value is not { } value)
        {
            return new GateCheck(kind, condition, query, window, null, Verdict.NoData, answer.Problem, action);
        }
        var holds = condition.HoldsFor(value);
        var verdict = kind == CheckKind.StopLoss ? (holds ? Verdict.Crossed : Verdict.Clear) : (holds ? Verdict.Pass : Verdict.Fail);
        return new GateCheck(kind, condition, query, window, value, verdict, null, action);
    }

    /// <summary>
    /// How long the stage must still run: its observation window, or the next stage's entry condition
    /// ("24 h at 'staged' without incident") if that is longer. Null without a start time or when elapsed.
    /// </summary>
    private static TimeSpan? TimeLeft(RolloutPlan plan, int index, DateTimeOffset? startedAt, DateTimeOffset now)
    {
        if (startedAt is not { } started) return null;
        var required = plan.Stages[index].Observe ?? TimeSpan.Zero;
        if (index + 1 < plan.Stages.Count && plan.Stages[index + 1].After is { } after && after.Duration > required) required = after.Duration;
        var left = required - (now - started);
        // Whole seconds, rounded up: "19 min 57 s", never a left-over of milliseconds that reads like "done".
        return left > TimeSpan.Zero ? TimeSpan.FromSeconds(Math.Ceiling(left.TotalSeconds)) : null;
    }

    private static (GateDecision, string) Decide(RolloutPlan plan, int index, IReadOnlyList<GateCheck> checks, TimeSpan? timeLeft)
    {
        // Rolling back is the stronger protection, so a crossed rollback stop-loss outranks a crossed halt.
        var crossed = checks.Where(c => c.Verdict == Verdict.Crossed).OrderBy(c => c.Action == StopLossAction.Rollback ? 0 : 1).FirstOrDefault();
        if (crossed is not null)
        {
            var decision = crossed.Action == StopLossAction.Rollback ? GateDecision.RollBack : GateDecision.Halt;
            return (decision, "stop-loss crossed: " + Describe(crossed) + (decision == GateDecision.RollBack ? "; roll back now" : "; halt the rollout where it is"));
        }
        var stopLossNoData = checks.FirstOrDefault(c => c.Kind == CheckKind.StopLoss && c.Verdict == Verdict.NoData);
        if (stopLossNoData is not null)
        {
            return (GateDecision.Hold, "stop-loss " + ConditionText.Describe(stopLossNoData.Condition) + " could not be evaluated: " + stopLossNoData.Reason);
        }
        if (timeLeft is { } left)
        {
            return (GateDecision.Hold, "stage '" + plan.Stages[index].Name + "' must run " + Invariant.Duration(left) + " longer before it may advance");
        }
        var gates = checks.Where(c => c.Kind == CheckKind.AdvanceGate).ToList();
        if (gates.Count == 0)
        {
            return (GateDecision.Hold, index == plan.Stages.Count - 1
                ? "'" + plan.Stages[index].Name + "' is the last stage: there is nothing to advance to"
                : "stage '" + plan.Stages[index].Name + "' has no advance gates, so nothing proves it may advance");
        }
        var noData = gates.FirstOrDefault(c => c.Verdict == Verdict.NoData);
        if (noData is not null)
        {
            return (GateDecision.Hold, "no data for advance gate " + ConditionText.Describe(noData.Condition) + ": " + noData.Reason);
        }
        var failed = gates.FirstOrDefault(c => c.Verdict == Verdict.Fail);
        if (failed is not null)
        {
            return (GateDecision.Hold, "advance gate not met: " + Describe(failed));
        }
        var stopLosses = checks.Count(c => c.Kind == CheckKind.StopLoss);
        return (GateDecision.Advance, "all " + stopLosses + " stop-loss(es) clear and all " + gates.Count + " advance gate(s) pass");
    }

    private static string Describe(GateCheck check) =>
        ConditionText.Describe(check.Condition) + " (observed " + ConditionText.Threshold(Math.Round(check.Observed ?? double.NaN, 4), check.Condition.Metric.Unit) + ")";
}
