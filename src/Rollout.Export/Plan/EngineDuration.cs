using System;
using System.Globalization;
using System.Text;
using Rollout.Dsl.Dialects;

namespace Rollout.Export.Plan;

/// <summary>Durations as the engines parse them.</summary>
internal static class EngineDuration
{
    /// <summary>Go's time.ParseDuration form, which Argo Rollouts reads and Prometheus shares: "30m", "4h", "1h30m", "1m30s".</summary>
    public static string Go(TimeSpan value) =>
        value > TimeSpan.Zero ? PrometheusDialect.Duration(value) : throw new ArgumentOutOfRangeException(nameof(value), "A duration in a manifest must be positive.");

    /// <summary>Flagger's form (pattern ^[0-9]+(m|s)): whole minutes as "240m", else seconds rounded up, "90s".</summary>
    public static string Flagger(TimeSpan value)
    {
        if (value <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(value), "A duration in a manifest must be positive.");
        if (value.Ticks % TimeSpan.TicksPerMinute == 0) return (value.Ticks / TimeSpan.TicksPerMinute).ToString(CultureInfo.InvariantCulture) + "m";
        return ((long)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";
    }

    /// <summary>
    /// Splits an observation window into at most 12 equal measurements of at least a minute:
    /// 30m → 10 × 3m, 4h → 12 × 20m, 12h → 12 × 1h. Measurement count × interval is the window exactly.
    /// </summary>
    public static (TimeSpan Interval, int Count) Measurements(TimeSpan window)
    {
        // Whole minutes read best ("3m", not "2m30s"); whole seconds when no split into minutes exists.
        foreach (var unit in new[] { TimeSpan.TicksPerMinute, TimeSpan.TicksPerSecond })
        {
            for (var count = 12; count > 1; count--)
            {
                if (window.Ticks % count != 0) continue;
                var interval = TimeSpan.FromTicks(window.Ticks / count);
                if (interval >= TimeSpan.FromMinutes(1) && interval.Ticks % unit == 0) return (interval, count);
            }
        }
        return (window, 1);
    }

    /// <summary>How many measurements every <paramref name="every"/> cover <paramref name="window"/> (rounded up, at least one).</summary>
    public static int CountOver(TimeSpan window, TimeSpan every) => Math.Max(1, (int)Math.Ceiling(window.Ticks / (double)every.Ticks));
}
