using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Rollout.Cli.Tests.Backtest;

/// <summary>
/// Three weeks of checkout traffic, one scrape a minute (on the minute), for <c>promtool tsdb create-blocks-from openmetrics</c>:
/// a daily cycle (night at a third of the day's traffic), noise from <see cref="Seed"/>, and, at fixed moments,
/// a sharp spike incident (5 % errors for 25 minutes), a slow-burn incident (errors climbing from 0.05 % to 2 % over 8 hours),
/// a short healthy-day blip (1.2 % errors for 4 minutes: a false alarm for a 0.5 % stop-loss), a 20-minute scrape gap and a
/// counter reset (a restart: every counter starts again near 0). The raw samples are kept so the tests can compute what
/// should happen without the product's code.
/// </summary>
public sealed class WeeksOfHistory
{
    public const int Seed = 20261001;

    public static readonly DateTimeOffset Start = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset End = Start.AddDays(21);

    public static readonly DateTimeOffset SpikeFrom = Start.AddDays(7).AddHours(14).AddMinutes(5);
    public static readonly DateTimeOffset SpikeTo = SpikeFrom.AddMinutes(25);
    public static readonly DateTimeOffset BurnFrom = Start.AddDays(14).AddHours(2);
    public static readonly DateTimeOffset BurnTo = BurnFrom.AddHours(8);
    public static readonly DateTimeOffset BlipFrom = Start.AddDays(3).AddHours(10);
    public static readonly DateTimeOffset GapFrom = Start.AddDays(10).AddHours(3);
    public static readonly DateTimeOffset GapTo = GapFrom.AddMinutes(20);
    public static readonly DateTimeOffset ResetAt = Start.AddDays(11).AddHours(9);

    private WeeksOfHistory(IReadOnlyDictionary<string, List<(long Ms, double Value)>> series) => Series = series;

    /// <summary>Per series (its OpenMetrics labels), the scraped samples in time order.</summary>
    public IReadOnlyDictionary<string, List<(long Ms, double Value)>> Series { get; }

    public const string Ok = "http_server_requests_total{service=\"checkout\",status=\"200\"}";
    public const string Errors = "http_server_requests_total{service=\"checkout\",status=\"500\"}";
    public const string Payments = "checkout_payment_errors_total{service=\"checkout\"}";

    /// <summary>The error share (percent) wanted at <paramref name="t"/>: the healthy level, or an incident's.</summary>
    public static double ErrorPercent(DateTimeOffset t)
    {
        if (t > SpikeFrom && t <= SpikeTo) return 5;
        if (t > BurnFrom && t <= BurnTo) return 0.05 + 1.95 * (t - BurnFrom).TotalMinutes / (BurnTo - BurnFrom).TotalMinutes;
        if (t > BlipFrom && t <= BlipFrom.AddMinutes(4)) return 1.2;
        return 0.05;
    }

    public static WeeksOfHistory Generate()
    {
        var random = new Random(Seed);
        var series = new Dictionary<string, List<(long, double)>> { [Ok] = new(), [Errors] = new(), [Payments] = new() };
        double ok = 0, errors = 0, payments = 0;
        for (var t = Start; t <= End; t = t.AddMinutes(1))
        {
            if (t >= GapFrom && t < GapTo) continue; // nothing scraped
            var day = (t - Start).TotalDays;
            var requests = 6000 * (1 + 0.5 * Math.Sin(2 * Math.PI * (day - 0.25))) * (1 + 0.05 * Gaussian(random));
            var failed = Math.Max(0, Math.Round(requests * ErrorPercent(t) / 100 + Gaussian(random) * Math.Sqrt(requests * ErrorPercent(t) / 100)));
            var paymentFailures = ErrorPercent(t) >= 1 ? Math.Round(failed / 20) : (random.NextDouble() < 0.05 ? 1 : 0);
            if (t == ResetAt)
            {
                ok = 0;
                errors = 0;
                payments = 0;
            }
            ok += Math.Round(requests - failed);
            errors += failed;
            payments += paymentFailures;
            var ms = t.ToUnixTimeMilliseconds();
            series[Ok].Add((ms, ok));
            series[Errors].Add((ms, errors));
            series[Payments].Add((ms, payments));
        }
        return new WeeksOfHistory(series);
    }

    public string OpenMetrics()
    {
        var text = new StringBuilder("# HELP http_server_requests Requests served.\n# TYPE http_server_requests counter\n");
        Write(text, Ok);
        Write(text, Errors);
        text.Append("# HELP checkout_payment_errors Failed payment authorisations.\n# TYPE checkout_payment_errors counter\n");
        Write(text, Payments);
        return text.Append("# EOF\n").ToString();
    }

    private void Write(StringBuilder text, string name)
    {
        foreach (var (ms, value) in Series[name])
        {
            text.Append(name).Append(' ').Append(value.ToString("0", CultureInfo.InvariantCulture)).Append(' ')
                .Append((ms / 1000).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
