using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Rollout.Dsl;
using Rollout.Semantics;

namespace Rollout.Gates;

/// <summary>
/// Decides whether a stage of a plan may advance: reads every check (stop-losses over the plan's stop-loss window,
/// then the stage's advance gates over its gate window) through a measurement source (Prometheus, or any
/// <see cref="IMeasurementSource"/>), then lets <see cref="StageGate.Decide"/> decide: the same rule the reference
/// interpreter runs at every tick (docs/semantics.md). Fail-safe: a check without a usable value has no data, and
/// no data never advances; at or past the point of no return a crossed rollback stop-loss halts and names the forward fix.
/// </summary>
public sealed class GateEvaluator
{
    private readonly PrometheusClient? _prometheus;
    private readonly IMeasurementSource? _source;
    private readonly GateOptions _options;

    /// <summary>An evaluator that asks the Prometheus server at <paramref name="prometheus"/>.</summary>
    public GateEvaluator(HttpClient http, Uri prometheus, GateOptions? options = null)
    {
        _options = Checked(options);
        _prometheus = new PrometheusClient(http, prometheus, _options);
    }

    /// <summary>An evaluator that reads through <paramref name="source"/> (another backend, or a fake in a test).</summary>
    public GateEvaluator(IMeasurementSource source, GateOptions? options = null)
    {
        _options = Checked(options);
        _source = source ?? throw new ArgumentNullException(nameof(source));
    }

    /// <summary>
    /// Evaluates stage <paramref name="stageName"/> of <paramref name="plan"/>. With <paramref name="startedAt"/>
    /// (when the stage began), a stage whose observation time has not run yet holds with the time left.
    /// Throws <see cref="ArgumentException"/> for a stage the plan does not have.
    /// </summary>
    public async Task<GateResult> EvaluateAsync(RolloutPlan plan, string stageName, DateTimeOffset? startedAt = null, CancellationToken cancellationToken = default)
    {
        if (plan is null) throw new ArgumentNullException(nameof(plan));
        var program = ReleaseProgram.Compile(plan);
        var index = program.StageIndexOf(stageName);
        if (index < 0)
        {
            throw new ArgumentException("Plan '" + plan.Id + "' has no stage '" + stageName + "'; its stages are " + string.Join(", ", plan.Stages.Select(s => "'" + s.Name + "'")) + ".", nameof(stageName));
        }
        var now = _options.Time.GetUtcNow();

        using var overall = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        overall.CancelAfter(_options.Timeout);
        var source = _source ?? new PrometheusMeasurementSource(_prometheus!, _options.Timeout, overall.Token);

        var evaluation = await StageGate.EvaluateAsync(program, index, startedAt, now, source, cancellationToken).ConfigureAwait(false);
        return new GateResult(plan.Id, evaluation.Stage, evaluation.Decision, evaluation.Reason, evaluation.Checks, now, evaluation.TimeLeft);
    }

    private static GateOptions Checked(GateOptions? options)
    {
        var checkedOptions = options ?? new GateOptions();
        if (checkedOptions.Timeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "The timeout must be positive.");
        return checkedOptions;
    }
}
