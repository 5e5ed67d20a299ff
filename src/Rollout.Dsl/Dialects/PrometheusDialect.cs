using System;
using System.Globalization;
using System.Text;

namespace Rollout.Dsl.Dialects;

/// <summary>
/// Prometheus's query dialect: what a <see cref="Measurement"/> written for Prometheus becomes when Prometheus runs it
/// (every <see cref="Measurement.WindowPlaceholder"/> replaced by a Prometheus duration). One place for the plan's JSON
/// and runbook, <c>rollout gate</c>/<c>backtest</c>/<c>simulate</c> and the Argo Rollouts and Flagger exports, which all
/// hand the query to Prometheus. Another metric backend gets a dialect of its own beside this one.
/// </summary>
public static class PrometheusDialect
{
    /// <summary>The <see cref="Measurement.Source"/> this dialect is for: "prometheus", the default.</summary>
    public const string Source = Measurement.DefaultSource;

    /// <summary>Whether <paramref name="measurement"/> is written for Prometheus.</summary>
    public static bool IsFor(Measurement measurement) =>
        string.Equals((measurement ?? throw new ArgumentNullException(nameof(measurement))).Source, Source, StringComparison.Ordinal);

    /// <summary>The query as Prometheus runs it over <paramref name="window"/>: every <c>$window</c> replaced by e.g. <c>30m</c>.</summary>
    public static string QueryOver(Measurement measurement, TimeSpan window) => QueryWith(measurement, Duration(window));

    /// <summary>The query with every <c>$window</c> replaced by <paramref name="window"/> verbatim (an engine's own variable).</summary>
    public static string QueryWith(Measurement measurement, string window) =>
        (measurement ?? throw new ArgumentNullException(nameof(measurement))).Query.Replace(Measurement.WindowPlaceholder, window);

    /// <summary>A Prometheus duration: "30m", "4h", "1h30m", "90s" becomes "1m30s", "250ms". Zero is "0s".</summary>
    public static string Duration(TimeSpan value)
    {
        // TimeSpan.MinValue has no positive counterpart; one tick less is indistinguishable in a plan.
        value = value == TimeSpan.MinValue ? TimeSpan.MaxValue : value.Duration();
        if (value == TimeSpan.Zero) return "0s";
        var text = new StringBuilder();
        void Part(long amount, string unit)
        {
            if (amount > 0) text.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
        Part((long)Math.Floor(value.TotalHours), "h");
        Part(value.Minutes, "m");
        Part(value.Seconds, "s");
        Part(value.Milliseconds, "ms");
        // Below a millisecond Prometheus has no unit; a window that short is a mistake, but the query stays valid.
        return text.Length == 0 ? "1ms" : text.ToString();
    }
}
