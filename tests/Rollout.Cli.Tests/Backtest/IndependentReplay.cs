using System;
using System.Collections.Generic;
using System.Linq;

namespace Rollout.Cli.Tests.Backtest;

/// <summary>
/// What the backtest should find, computed from the raw scraped samples without the product's code: Prometheus 2's
/// <c>rate</c>/<c>increase</c> (extrapolatedRate in promql/functions.go: closed range, counter resets, extrapolation to the
/// window's edges limited by the average sample interval and by zero) evaluated at each moment, then the stop-loss rule.
/// </summary>
public static class IndependentReplay
{
    /// <summary>rate (per second) or increase of one counter over [at - window, at] (Prometheus 2 selects both ends inclusive); null with fewer than two samples.</summary>
    public static double? Extrapolated(List<(long Ms, double Value)> samples, long atMs, TimeSpan window, bool perSecond)
    {
        var startMs = atMs - (long)window.TotalMilliseconds;
        var first = LowerBound(samples, startMs);
        var last = LowerBound(samples, atMs + 1) - 1;
        if (last - first < 1) return null;
        var result = samples[last].Value - samples[first].Value;
        for (var i = first + 1; i <= last; i++)
        {
            if (samples[i].Value < samples[i - 1].Value) result += samples[i - 1].Value;
        }
        var toStart = (samples[first].Ms - startMs) / 1000.0;
        var toEnd = (atMs - samples[last].Ms) / 1000.0;
        var sampled = (samples[last].Ms - samples[first].Ms) / 1000.0;
        var average = sampled / (last - first);
        // Prometheus 2.42's order: the zero point first, then the limit by the average interval.
        if (result > 0 && samples[first].Value >= 0)
        {
            var toZero = sampled * (samples[first].Value / result);
            if (toZero < toStart) toStart = toZero;
        }
        var threshold = average * 1.1;
        if (toStart >= threshold) toStart = average / 2;
        if (toEnd >= threshold) toEnd = average / 2;
        var factor = (sampled + toStart + toEnd) / sampled;
        if (perSecond) factor /= window.TotalSeconds;
        return result * factor;
    }

    /// <summary>The plan's error rate in percent: 100 * sum(rate(5xx)) / sum(rate(all)); null when there is no value.</summary>
    public static double? ErrorRate(WeeksOfHistory history, DateTimeOffset at, TimeSpan window)
    {
        var ms = at.ToUnixTimeMilliseconds();
        var errors = Extrapolated(history.Series[WeeksOfHistory.Errors], ms, window, true);
        var ok = Extrapolated(history.Series[WeeksOfHistory.Ok], ms, window, true);
        if (errors is null || ok is null) return null;
        var all = ok.Value + errors.Value;
        return all == 0 ? null : 100 * errors.Value / all;
    }

    /// <summary>sum(increase(payment errors[window])); null when there is no value.</summary>
    public static double? PaymentErrors(WeeksOfHistory history, DateTimeOffset at, TimeSpan window) =>
        Extrapolated(history.Series[WeeksOfHistory.Payments], at.ToUnixTimeMilliseconds(), window, false);

    /// <summary>Runs of consecutive moments at which <paramref name="crossed"/> holds: (first, last, value at first).</summary>
    public static List<(DateTimeOffset Start, DateTimeOffset End, double Value)> Firings(IEnumerable<(DateTimeOffset At, double? Value)> readings, Func<double, bool> crossed)
    {
        var firings = new List<(DateTimeOffset, DateTimeOffset, double)>();
        (DateTimeOffset Start, DateTimeOffset End, double Value)? open = null;
        foreach (var (at, value) in readings)
        {
            if (value is { } v && crossed(v))
            {
                open = open is { } o ? (o.Start, at, o.Value) : (at, at, v);
                continue;
            }
            if (open is { } done) firings.Add(done);
            open = null;
        }
        if (open is { } last) firings.Add(last);
        return firings;
    }

    private static int LowerBound(List<(long Ms, double Value)> samples, long ms)
    {
        int low = 0, high = samples.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (samples[mid].Ms < ms) low = mid + 1; else high = mid;
        }
        return low;
    }
}
