using System;
using System.Collections.Generic;

namespace Rollout.Semantics.Tests;

/// <summary>Builds a <see cref="MetricTimeline"/> in minutes after <see cref="T0"/>, the start of every run here.</summary>
public sealed class TimelineBuilder
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    private readonly List<KeyValuePair<string, TimelinePoint>> _points = new();

    public static DateTimeOffset At(double minutes) => T0 + TimeSpan.FromMinutes(minutes);

    public TimelineBuilder Value(string metric, double minutes, double value) => Add(metric, new TimelinePoint(At(minutes), TimelinePointKind.Value, value));

    public TimelineBuilder Problem(string metric, double minutes, TimelinePointKind kind, string? detail = null) => Add(metric, new TimelinePoint(At(minutes), kind, 0, detail));

    /// <summary>From <paramref name="from"/> to <paramref name="to"/> minutes, alternating the two values every <paramref name="every"/> minutes.</summary>
    public TimelineBuilder Flapping(string metric, double from, double to, double every, double low, double high)
    {
        var i = 0;
        for (var m = from; m < to; m += every, i++) Value(metric, m, i % 2 == 0 ? low : high);
        return this;
    }

    public MetricTimeline Build(TimeSpan? staleAfter = null) => new(_points, staleAfter);

    private TimelineBuilder Add(string metric, TimelinePoint point)
    {
        _points.Add(new KeyValuePair<string, TimelinePoint>(metric, point));
        return this;
    }
}
