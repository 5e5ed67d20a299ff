using System;
using System.Threading;
using System.Threading.Tasks;
using Rollout.Dsl.Text;
using Rollout.Semantics;

namespace Rollout.Gates;

/// <summary>
/// The measurement seam over Prometheus: the plan's query with <c>$window</c> filled in, run as an instant query at
/// the request's time (<see cref="PrometheusClient"/>); the answer's problems keep their kind (no series: no data;
/// several series; older than the window: stale; rejected, unreachable, timed out: error).
/// </summary>
public sealed class PrometheusMeasurementSource : IMeasurementSource
{
    private readonly PrometheusClient _prometheus;
    private readonly TimeSpan _timeout;
    private readonly CancellationToken _overall;

    /// <param name="prometheus">The client.</param>
    /// <param name="overallTimeout">The limit of the whole evaluation, said in the reading when it runs out.</param>
    /// <param name="overall">Cancelled when that limit runs out; a query it cancels reads as an error, not an exception.</param>
    public PrometheusMeasurementSource(PrometheusClient prometheus, TimeSpan overallTimeout, CancellationToken overall)
    {
        _prometheus = prometheus ?? throw new ArgumentNullException(nameof(prometheus));
        _timeout = overallTimeout;
        _overall = overall;
    }

    /// <inheritdoc />
    public async ValueTask<Reading> ReadAsync(MeasurementRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        if (!PrometheusOnly.TryQuery(request, out var query, out var unreadable)) return unreadable;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_overall, cancellationToken);
        try
        {
            var answer = await _prometheus.QueryAsync(query, request.At, request.Window, linked.Token).ConfigureAwait(false);
            return answer.ToReading();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Reading.Failed(ReadingProblem.Error, "no answer within the overall timeout of " + Invariant.Duration(_timeout));
        }
    }
}
