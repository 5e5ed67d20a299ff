using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Rollout.Gates.Tests.Infrastructure;

/// <summary>
/// Five hours of scraped history before a moment, and two hours after it, one sample every 30 s, for the
/// services the gate tests use, in OpenMetrics text for promtool. The samples after the moment keep every
/// window around "now" full for as long as a test run can last: a query at any time up to
/// <see cref="Ahead"/> after the fixture started sees the same data as one at the start (Prometheus
/// answers a query at time T from samples at or before T, so the later ones stay out of view until then: promql/engine.go
/// evaluates a selector over (T - lookback, T], defaultLookbackDelta 5 minutes). Counters are cumulative as a real exporter writes them. Every service
/// exports what <c>CheckoutQueries</c> asks for, with its own <c>service</c> label:
/// <list type="bullet">
/// <item><c>checkout</c>: healthy (0.02 % errors, p99 about 195 ms, no payment errors).</item>
/// <item><c>burning</c>: healthy until 10 minutes before the moment, then 3 % errors.</item>
/// <item><c>slow</c>: no errors to speak of, but p99 about 700 ms.</item>
/// <item><c>idle</c>: series exist but nothing is served (every rate is 0, an error rate is 0/0).</item>
/// </list>
/// </summary>
public static class History
{
    /// <summary>History before the moment.</summary>
    public static readonly TimeSpan Length = TimeSpan.FromHours(5);

    /// <summary>History after the moment: how long after the fixture started the data still reads as at the start.</summary>
    public static readonly TimeSpan Ahead = TimeSpan.FromHours(2);

    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    /// <summary>Upper bounds (seconds) of the latency histogram.</summary>
    private static readonly double[] Bounds = { 0.1, 0.2, 0.3, 0.4, 0.5, 0.75, 1 };

    // Cumulative share of requests at or below each bound.
    private static readonly double[] Fast = { 0.90, 0.995, 1, 1, 1, 1, 1 };
    private static readonly double[] Sluggish = { 0.50, 0.70, 0.80, 0.90, 0.95, 1, 1 };

    private sealed record Service(string Name, Func<TimeSpan, double> OkPerSecond, Func<TimeSpan, double> ErrorsPerSecond, double[] Latency);

    private static readonly Service[] Services =
    {
        new("checkout", _ => 100, _ => 0.02, Fast),
        new("burning", _ => 100, age => age < TimeSpan.FromMinutes(10) ? 3 : 0.02, Fast),
        new("slow", _ => 100, _ => 0.02, Sluggish),
        new("idle", _ => 0, _ => 0, Fast),
    };

    /// <summary>The history around <paramref name="moment"/> (normally the time the fixture starts): <see cref="Length"/> before, <see cref="Ahead"/> after.</summary>
    public static string OpenMetrics(DateTimeOffset moment)
    {
        var times = new List<DateTimeOffset>();
        for (var t = moment - Length; t <= moment + Ahead; t += Step) times.Add(t);

        var text = new StringBuilder();
        text.Append("# HELP http_server_requests Requests served.\n# TYPE http_server_requests counter\n");
        foreach (var service in Services)
        {
            Counter(text, "http_server_requests_total", "service=\"" + service.Name + "\",status=\"200\"", times, moment, service.OkPerSecond);
            Counter(text, "http_server_requests_total", "service=\"" + service.Name + "\",status=\"500\"", times, moment, service.ErrorsPerSecond);
        }

        text.Append("# HELP http_server_request_duration_seconds Request latency.\n# TYPE http_server_request_duration_seconds histogram\n");
        foreach (var service in Services)
        {
            double Total(TimeSpan age) => service.OkPerSecond(age) + service.ErrorsPerSecond(age);
            for (var b = 0; b < Bounds.Length; b++)
            {
                var share = service.Latency[b];
                Counter(text, "http_server_request_duration_seconds_bucket", "service=\"" + service.Name + "\",le=\"" + Number(Bounds[b]) + "\"", times, moment, age => Total(age) * share);
            }
            Counter(text, "http_server_request_duration_seconds_bucket", "service=\"" + service.Name + "\",le=\"+Inf\"", times, moment, Total);
            Counter(text, "http_server_request_duration_seconds_count", "service=\"" + service.Name + "\"", times, moment, Total);
            Counter(text, "http_server_request_duration_seconds_sum", "service=\"" + service.Name + "\"", times, moment, age => Total(age) * 0.08);
        }

        text.Append("# HELP checkout_payment_errors Failed payment authorisations.\n# TYPE checkout_payment_errors counter\n");
        foreach (var service in Services)
        {
            Counter(text, "checkout_payment_errors_total", "service=\"" + service.Name + "\"", times, moment, _ => 0);
        }
        return text.Append("# EOF\n").ToString();
    }

    private static void Counter(StringBuilder text, string name, string labels, List<DateTimeOffset> times, DateTimeOffset moment, Func<TimeSpan, double> perSecond)
    {
        var value = 0.0;
        foreach (var time in times)
        {
            value += perSecond(moment - time) * Step.TotalSeconds;
            text.Append(name).Append('{').Append(labels).Append("} ").Append(Number(Math.Round(value, 3)))
                .Append(' ').Append(Number(time.ToUnixTimeMilliseconds() / 1000.0)).Append('\n');
        }
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
