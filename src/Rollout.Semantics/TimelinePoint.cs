using System;

namespace Rollout.Semantics;

/// <summary>
/// One point of a metric's timeline: from <see cref="Time"/> until the metric's next point, the metric is
/// <see cref="Kind"/> (with <see cref="Value"/> for <see cref="TimelinePointKind.Value"/>).
/// </summary>
/// <param name="Time">From when this point holds.</param>
/// <param name="Kind">A value, a gap, an error, stale data or several series.</param>
/// <param name="Value">The value for <see cref="TimelinePointKind.Value"/> (finite); 0 otherwise.</param>
/// <param name="Detail">Optional words for a problem point, e.g. "Prometheus unreachable"; shown in the reason.</param>
public sealed record TimelinePoint(DateTimeOffset Time, TimelinePointKind Kind, double Value = 0, string? Detail = null)
{
    /// <summary>A value point.</summary>
    public static TimelinePoint Of(DateTimeOffset time, double value) => new(time, TimelinePointKind.Value, value);
}
