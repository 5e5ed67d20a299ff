using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Rollout.Dsl.Text;

namespace Rollout.Semantics;

/// <summary>
/// Simulated metrics: per metric name, points over time, each holding until the metric's next point (a
/// step function). Implements the measurement seam for simulation; the reading of metric M over window W
/// as of T is derived as follows (docs/semantics.md, "Timelines"):
/// <list type="number">
/// <item>The point in force at T (the newest point at or before T) decides the kind: none, or a gap, is
/// <see cref="ReadingProblem.NoData"/>; an error point <see cref="ReadingProblem.Error"/>; a stale point
/// <see cref="ReadingProblem.Stale"/>; a several-series point <see cref="ReadingProblem.SeveralSeries"/>.</item>
/// <item>A value point older than <see cref="StaleAfter"/> (when set) is <see cref="ReadingProblem.Stale"/>.</item>
/// <item>Otherwise the value is the time-weighted mean of the value stretches inside (T-W, T]; stretches of
/// gaps, errors, stale or several series inside the window carry no value and are left out. When no value
/// stretch lies inside the window (the point in force starts exactly at T), the point's own value is the reading,
/// unless the rest of the window was gaps or errors: then it is <see cref="ReadingProblem.NoData"/>.</item>
/// </list>
/// </summary>
public sealed class MetricTimeline : IMeasurementSource
{
    private readonly Dictionary<string, TimelinePoint[]> _points;

    /// <summary>
    /// A timeline of <paramref name="points"/> (metric name, point), in any order; points of one metric at the
    /// same time are rejected (<see cref="ArgumentException"/>): which of them holds would be a guess.
    /// </summary>
    /// <param name="points">(metric name, point) pairs.</param>
    /// <param name="staleAfter">How long a value point speaks for the metric; null (default): until the metric's next point.</param>
    public MetricTimeline(IEnumerable<KeyValuePair<string, TimelinePoint>> points, TimeSpan? staleAfter = null)
    {
        if (points is null) throw new ArgumentNullException(nameof(points));
        if (staleAfter is { } limit && limit <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(staleAfter), "staleAfter must be positive.");
        StaleAfter = staleAfter;
        _points = new Dictionary<string, TimelinePoint[]>(StringComparer.Ordinal);
        foreach (var group in points.GroupBy(p => p.Key, StringComparer.Ordinal))
        {
            var ordered = group.Select(p => p.Value).OrderBy(p => p.Time).ToArray();
            for (var i = 1; i < ordered.Length; i++)
            {
                if (ordered[i].Time == ordered[i - 1].Time)
                {
                    throw new ArgumentException("Metric '" + group.Key + "' has two points at " + TimeText.Of(ordered[i].Time) + "; keep one.", nameof(points));
                }
            }
            _points[group.Key] = ordered;
        }
    }

    /// <summary>How long a value point speaks for its metric; null: until the metric's next point.</summary>
    public TimeSpan? StaleAfter { get; }

    /// <summary>The metric names in the timeline, in ordinal order.</summary>
    public IReadOnlyList<string> Metrics => _points.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();

    /// <summary>The points of <paramref name="metric"/> in time order (empty when it has none).</summary>
    public IReadOnlyList<TimelinePoint> PointsOf(string metric) => _points.TryGetValue(metric, out var points) ? points : Array.Empty<TimelinePoint>();

    /// <summary>The earliest point of any metric; null for an empty timeline.</summary>
    public DateTimeOffset? First => _points.Count == 0 ? null : _points.Values.Min(p => p[0].Time);

    /// <summary>The latest point of any metric; null for an empty timeline.</summary>
    public DateTimeOffset? Last => _points.Count == 0 ? null : _points.Values.Max(p => p[p.Length - 1].Time);

    /// <inheritdoc />
    public ValueTask<Reading> ReadAsync(MeasurementRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        cancellationToken.ThrowIfCancellationRequested();
        return new ValueTask<Reading>(Read(request.Metric.Name, request.Window, request.At));
    }

    /// <summary>The reading of <paramref name="metric"/> over <paramref name="window"/> as of <paramref name="at"/>, by the rules above.</summary>
    public Reading Read(string metric, TimeSpan window, DateTimeOffset at)
    {
        if (!_points.TryGetValue(metric, out var points))
        {
            return Reading.Failed(ReadingProblem.NoData, "the timeline has no points for '" + metric + "'");
        }
        var current = LastAtOrBefore(points, at);
        if (current < 0)
        {
            return Reading.Failed(ReadingProblem.NoData, "no data for '" + metric + "' before " + TimeText.Of(points[0].Time));
        }
        var point = points[current];
        var since = " since " + TimeText.Of(point.Time) + (point.Detail is null ? "" : ": " + point.Detail);
        switch (point.Kind)
        {
            case TimelinePointKind.Gap:
                return Reading.Failed(ReadingProblem.NoData, "no data for '" + metric + "'" + since);
            case TimelinePointKind.Error:
                return Reading.Failed(ReadingProblem.Error, "the query for '" + metric + "' fails" + since);
            case TimelinePointKind.Stale:
                return Reading.Failed(ReadingProblem.Stale, "the data for '" + metric + "' is stale" + since);
            case TimelinePointKind.SeveralSeries:
                return Reading.Failed(ReadingProblem.SeveralSeries, "the query for '" + metric + "' returns several series" + since);
        }
        if (StaleAfter is { } limit && at - point.Time > limit)
        {
            return Reading.Failed(ReadingProblem.Stale, "the newest value of '" + metric + "' is from " + TimeText.Of(point.Time) + ", older than the timeline's staleAfter of " + Invariant.Duration(limit));
        }
        return Mean(metric, points, current, window, at);
    }

    // Binary search: the index of the newest point at or before the time, -1 when there is none.
    private static int LastAtOrBefore(TimelinePoint[] points, DateTimeOffset at)
    {
        int low = 0, high = points.Length - 1, found = -1;
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            if (points[middle].Time <= at)
            {
                found = middle;
                low = middle + 1;
            }
            else high = middle - 1;
        }
        return found;
    }

    private Reading Mean(string metric, TimelinePoint[] points, int current, TimeSpan window, DateTimeOffset at)
    {
        var from = at - window;
        double weighted = 0;
        double total = 0;
        var unusable = false;
        for (var i = current; i >= 0; i--)
        {
            var point = points[i];
            var end = i == current ? at : points[i + 1].Time;
            if (end <= from) break;
            if (point.Kind != TimelinePointKind.Value)
            {
                unusable = true;
                continue;
            }
            if (StaleAfter is { } limit && point.Time + limit < end) end = point.Time + limit;
            var start = point.Time > from ? point.Time : from;
            if (end <= start) continue;
            var seconds = (end - start).TotalSeconds;
            weighted += point.Value * seconds;
            total += seconds;
        }
        if (total > 0) return Reading.Of(weighted / total);
        // Only the point at T itself: it is the reading, unless the rest of the window was gaps or errors.
        return unusable
            ? Reading.Failed(ReadingProblem.NoData, "no value for '" + metric + "' in the " + Invariant.Duration(window) + " before " + TimeText.Of(at) + ", only gaps or errors")
            : Reading.Of(points[current].Value);
    }
}
