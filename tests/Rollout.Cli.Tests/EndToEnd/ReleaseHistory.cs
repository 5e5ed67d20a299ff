using System;
using System.Globalization;
using System.Text;

namespace Rollout.Cli.Tests.EndToEnd;

/// <summary>
/// Three hours of checkout traffic ending now, one scrape a minute, for promtool to backfill: a steady 6,000 requests a
/// minute at 0.05 % errors, then from <see cref="BreachFrom"/> on 3 % errors (and failed payments), the breach the
/// release must stop at. <see cref="ReleaseStart"/> is where `rollout run` begins: 30 minutes of history before it.
/// </summary>
public sealed class ReleaseHistory
{
    public ReleaseHistory(DateTimeOffset now)
    {
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        Start = minute.AddHours(-3);
        ReleaseStart = Start.AddMinutes(30);
        BreachFrom = ReleaseStart.AddMinutes(90);
        End = ReleaseStart.AddMinutes(120);
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset ReleaseStart { get; }

    public DateTimeOffset BreachFrom { get; }

    public DateTimeOffset End { get; }

    public const string Ok = "http_server_requests_total{service=\"checkout\",status=\"200\"}";
    public const string Errors = "http_server_requests_total{service=\"checkout\",status=\"500\"}";
    public const string Payments = "checkout_payment_errors_total{service=\"checkout\"}";

    public string OpenMetrics()
    {
        var text = new StringBuilder();
        text.Append("# TYPE http_server_requests counter\n");
        var ok = new StringBuilder();
        var errors = new StringBuilder();
        var payments = new StringBuilder();
        double okTotal = 0, errorTotal = 0, paymentTotal = 0;
        for (var t = Start; t <= End; t = t.AddMinutes(1))
        {
            var breached = t > BreachFrom;
            var failed = breached ? 180 : 3;
            okTotal += 6000 - failed;
            errorTotal += failed;
            paymentTotal += breached ? 9 : 0;
            var seconds = t.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            ok.Append(Ok).Append(' ').Append(okTotal.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(seconds).Append('\n');
            errors.Append(Errors).Append(' ').Append(errorTotal.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(seconds).Append('\n');
            payments.Append(Payments).Append(' ').Append(paymentTotal.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(seconds).Append('\n');
        }
        text.Append(ok).Append(errors);
        text.Append("# TYPE checkout_payment_errors counter\n").Append(payments);
        text.Append("# EOF\n");
        return text.ToString();
    }
}
