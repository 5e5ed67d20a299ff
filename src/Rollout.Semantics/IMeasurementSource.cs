using System.Threading;
using System.Threading.Tasks;

namespace Rollout.Semantics;

/// <summary>
/// The measurement seam: answers "the value of metric M's measurement over window W as of time T". The
/// decision logic only ever sees <see cref="Reading"/>s; how they are obtained (a Prometheus instant query, a
/// simulated <see cref="MetricTimeline"/>, a fake in a test) is the source's business.
/// </summary>
public interface IMeasurementSource
{
    /// <summary>
    /// Reads one value. A source never throws for a failed measurement: it answers
    /// <see cref="Reading.Failed"/> with the problem. Only cancellation of <paramref name="cancellationToken"/> throws.
    /// </summary>
    ValueTask<Reading> ReadAsync(MeasurementRequest request, CancellationToken cancellationToken = default);
}
