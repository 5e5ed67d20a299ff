using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Rollout.Semantics;

namespace Rollout.Gates.Backtest;

/// <summary>
/// The measurement seam over range-query answers fetched beforehand: the reading of a measurement over a window at T is
/// the range query's point at T, turned into a reading by the same rules as a live instant query (<see cref="PrometheusClient.QueryAsync"/>):
/// no series at T is stale when the query had a value in the look-back (as far as the fetched chunk reaches), else no data;
/// several are several series, NaN is no data, a failed query is an error. The interpreter's
/// decision code reads it exactly as it reads <see cref="PrometheusMeasurementSource"/>.
/// </summary>
public sealed class PrefetchedHistory : IMeasurementSource
{
    private readonly IReadOnlyDictionary<string, PrometheusRange> _ranges;
    private readonly string _span;

    /// <param name="ranges">Per query (the plan's query with <c>$window</c> filled in), its answer over <paramref name="span"/>.</param>
    /// <param name="span">The stretch the answers cover, in words, for problem details.</param>
    public PrefetchedHistory(IReadOnlyDictionary<string, PrometheusRange> ranges, string span)
    {
        _ranges = ranges ?? throw new ArgumentNullException(nameof(ranges));
        _span = span;
    }

    /// <inheritdoc />
    public ValueTask<Reading> ReadAsync(MeasurementRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null) throw new ArgumentNullException(nameof(request));
        return new ValueTask<Reading>(Read(request));
    }

    private Reading Read(MeasurementRequest request)
    {
        if (!PrometheusOnly.TryQuery(request, out var query, out var unreadable)) return unreadable;
        if (!_ranges.TryGetValue(query, out var range))
        {
            throw new InvalidOperationException("The backtest did not fetch " + query + " for " + _span + ".");
        }
        if (range.Problem is { } problem) return Reading.Failed(ReadingProblem.Error, problem + " (range query over " + _span + ")");
        var at = request.At.ToUnixTimeMilliseconds();
        RangeSeries? found = null;
        var count = 0;
        foreach (var series in range.Series)
        {
            if (Array.BinarySearch(series.TimesMs, at) < 0) continue;
            found ??= series;
            count++;
        }
        var answer = count switch
        {
            0 => Newest(range, request.At) is { } last ? PrometheusClient.StoppedReporting(request.At, last) : PrometheusAnswer.NoSeries(),
            1 => PrometheusAnswer.ValueOf(found!.Values[Array.BinarySearch(found.TimesMs, at)]),
            _ => PrometheusAnswer.SeveralSeries(count, found!.Labels),
        };
        return answer.ToReading();
    }

    /// <summary>
    /// As live, a query that matches nothing at T but had a value in the look-back is stale: the newest point at
    /// <c>T - k * StaleStep</c> (the live look-back query's grid) within <see cref="PrometheusClient.StaleLookback"/>, as far
    /// back as this chunk reaches; null when there is none in it.
    /// </summary>
    private static DateTimeOffset? Newest(PrometheusRange range, DateTimeOffset at)
    {
        for (var t = at - PrometheusClient.StaleStep; t >= at - PrometheusClient.StaleLookback; t -= PrometheusClient.StaleStep)
        {
            var ms = t.ToUnixTimeMilliseconds();
            var reached = false;
            foreach (var series in range.Series)
            {
                if (series.TimesMs.Length > 0 && series.TimesMs[0] <= ms) reached = true;
                if (Array.BinarySearch(series.TimesMs, ms) >= 0) return t;
            }
            if (!reached) return null; // before every series' first point in this chunk
        }
        return null;
    }
}
