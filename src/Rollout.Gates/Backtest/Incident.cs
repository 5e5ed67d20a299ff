using System;

namespace Rollout.Gates.Backtest;

/// <summary>A stretch of history when the service was known to be broken: a stop-loss should fire in it, and nowhere else.</summary>
/// <param name="From">When the incident began.</param>
/// <param name="To">When it ended.</param>
public sealed record Incident(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>
    /// The span in which a firing belongs to this incident: from its start until one stop-loss window after its end, since
    /// until then the window still holds readings from the incident.
    /// </summary>
    public bool Covers(DateTimeOffset time, TimeSpan window) => time >= From && time <= To + window;
}
