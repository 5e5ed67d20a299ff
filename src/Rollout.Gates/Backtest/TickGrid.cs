using System;
using System.Collections.Generic;

namespace Rollout.Gates.Backtest;

/// <summary>
/// The evaluation moments of a backtest, <c>From + k * Every</c> up to <c>To</c> (the interpreter's cadence), cut into chunks
/// of at most <c>maxPoints</c> moments: one range query per measurement and chunk, each within Prometheus's limit of points.
/// </summary>
public sealed record TickGrid(DateTimeOffset From, DateTimeOffset To, TimeSpan Every)
{
    /// <summary>How many moments are evaluated.</summary>
    public long Count => (To - From).Ticks / Every.Ticks + 1;

    /// <summary>The k-th moment.</summary>
    public DateTimeOffset At(long k) => From + TimeSpan.FromTicks(Every.Ticks * k);

    /// <summary>The chunks: (first moment index, number of moments), in order; each at most <paramref name="maxPoints"/> moments.</summary>
    public IEnumerable<(long First, int Count)> Chunks(int maxPoints)
    {
        if (maxPoints < 1) throw new ArgumentOutOfRangeException(nameof(maxPoints), "A range query holds at least one point.");
        for (long first = 0; first < Count; first += maxPoints)
        {
            yield return (first, (int)Math.Min(maxPoints, Count - first));
        }
    }
}
