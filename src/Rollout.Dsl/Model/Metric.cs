using System;

namespace Rollout.Dsl;

/// <summary>The unit a metric's thresholds are written in.</summary>
public enum MetricUnit
{
    /// <summary>Percent, 0 to 100 (an error rate of 0.1 means 0.1 %).</summary>
    Percent,
    /// <summary>Milliseconds (latencies).</summary>
    Milliseconds,
    /// <summary>A plain count of events in the observation window.</summary>
    Count,
}

/// <summary>A named health metric with a unit; call <see cref="Below(double)"/> and friends to make a condition.</summary>
public sealed record Metric
{
    /// <summary>The metric's name, e.g. "error_rate"; a plan's measurements are matched to it by name.</summary>
    public required string Name { get; init; }

    public required MetricUnit Unit { get; init; }

    /// <summary>Holds while the metric is strictly below <paramref name="threshold"/>.</summary>
    public Condition Below(double threshold) => new() { Metric = this, Comparison = Comparison.Below, Threshold = threshold };

    /// <summary>Holds while the latency is strictly below <paramref name="threshold"/>.</summary>
    public Condition Below(TimeSpan threshold) => Below(threshold.TotalMilliseconds);

    /// <summary>Holds while the metric is at most <paramref name="threshold"/>.</summary>
    public Condition AtMost(double threshold) => new() { Metric = this, Comparison = Comparison.AtMost, Threshold = threshold };

    /// <summary>Holds while the latency is at most <paramref name="threshold"/>.</summary>
    public Condition AtMost(TimeSpan threshold) => AtMost(threshold.TotalMilliseconds);

    /// <summary>Holds once the metric is strictly above <paramref name="threshold"/>.</summary>
    public Condition Above(double threshold) => new() { Metric = this, Comparison = Comparison.Above, Threshold = threshold };

    /// <summary>Holds once the latency is strictly above <paramref name="threshold"/>.</summary>
    public Condition Above(TimeSpan threshold) => Above(threshold.TotalMilliseconds);

    /// <summary>Holds once the metric is at least <paramref name="threshold"/>.</summary>
    public Condition AtLeast(double threshold) => new() { Metric = this, Comparison = Comparison.AtLeast, Threshold = threshold };

    /// <summary>Holds once the latency is at least <paramref name="threshold"/>.</summary>
    public Condition AtLeast(TimeSpan threshold) => AtLeast(threshold.TotalMilliseconds);
}

/// <summary>How a metric is compared with a threshold.</summary>
public enum Comparison
{
    Below,
    AtMost,
    Above,
    AtLeast,
}

/// <summary>A metric compared with a threshold, e.g. error rate below 0.1 %.</summary>
public sealed record Condition
{
    public required Metric Metric { get; init; }

    public required Comparison Comparison { get; init; }

    /// <summary>In the metric's unit: percent, milliseconds or a count.</summary>
    public required double Threshold { get; init; }

    /// <summary>Whether an observed <paramref name="value"/> (in the metric's unit) satisfies the condition. NaN satisfies nothing.</summary>
    public bool HoldsFor(double value) => Comparison switch
    {
        Comparison.Below => value < Threshold,
        Comparison.AtMost => value <= Threshold,
        Comparison.Above => value > Threshold,
        _ => value >= Threshold,
    };

    /// <summary>Whether some value satisfies both conditions (same metric assumed).</summary>
    public bool Overlaps(Condition other)
    {
        var (low, lowInclusive, high, highInclusive) = Range();
        var (otherLow, otherLowInclusive, otherHigh, otherHighInclusive) = other.Range();
        var maxLow = Math.Max(low, otherLow);
        var minHigh = Math.Min(high, otherHigh);
        if (maxLow < minHigh) return true;
        if (maxLow > minHigh) return false;
        // Touching bounds: both must include the shared point.
        var lowIncl = low == maxLow ? lowInclusive : true;
        lowIncl &= otherLow == maxLow ? otherLowInclusive : true;
        var highIncl = high == minHigh ? highInclusive : true;
        highIncl &= otherHigh == minHigh ? otherHighInclusive : true;
        return lowIncl && highIncl;
    }

    private (double Low, bool LowInclusive, double High, bool HighInclusive) Range() => Comparison switch
    {
        Comparison.Below => (double.NegativeInfinity, false, Threshold, false),
        Comparison.AtMost => (double.NegativeInfinity, false, Threshold, true),
        Comparison.Above => (Threshold, false, double.PositiveInfinity, false),
        _ => (Threshold, true, double.PositiveInfinity, false),
    };
}

/// <summary>The metrics a plan's gates and stop-losses are written against.</summary>
public static class Signal
{
    /// <summary>Share of failed requests, in percent.</summary>
    public static Metric ErrorRate { get; } = Named("error_rate", MetricUnit.Percent);

    /// <summary>99th percentile latency, in milliseconds.</summary>
    public static Metric LatencyP99 { get; } = Named("latency_p99", MetricUnit.Milliseconds);

    /// <summary>95th percentile latency, in milliseconds.</summary>
    public static Metric LatencyP95 { get; } = Named("latency_p95", MetricUnit.Milliseconds);

    /// <summary>A count of events in the observation window, e.g. <c>Signal.Count("payment_errors")</c>.</summary>
    public static Metric Count(string name) => Named(name ?? throw new ArgumentNullException(nameof(name)), MetricUnit.Count);

    /// <summary>A metric measured in percent.</summary>
    public static Metric Percent(string name) => Named(name ?? throw new ArgumentNullException(nameof(name)), MetricUnit.Percent);

    /// <summary>A latency metric measured in milliseconds.</summary>
    public static Metric Latency(string name) => Named(name ?? throw new ArgumentNullException(nameof(name)), MetricUnit.Milliseconds);

    private static Metric Named(string name, MetricUnit unit) => new() { Name = name, Unit = unit };
}
