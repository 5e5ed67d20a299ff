using System;
using System.Globalization;
using System.Text.Json;
using Rollout.Semantics;

namespace Rollout.Gates;

/// <summary>
/// One instant-query answer reduced to what a gate needs: exactly one finite, fresh value, or the reason
/// there is none. Pure: the unit tests feed it responses recorded from a real Prometheus.
/// </summary>
public sealed record PrometheusAnswer(double? Value, string? Problem)
{
    /// <summary>Which kind of problem <see cref="Problem"/> is (no data, stale, several series, error); null with a value.</summary>
    public ReadingProblem? Kind { get; init; }

    /// <summary>HTTP attempts made for this answer (retries of transient failures included).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>What the last attempt got: "HTTP 200", "HTTP 503 Service Unavailable", or the connection error.</summary>
    public string? LastAttempt { get; init; }

    public static PrometheusAnswer Of(double value) => new(value, null);

    public static PrometheusAnswer NoData(string problem) => Failed(ReadingProblem.NoData, problem);

    /// <summary>No value, for <paramref name="kind"/>.</summary>
    public static PrometheusAnswer Failed(ReadingProblem kind, string problem) => new(null, problem) { Kind = kind };

    /// <summary>The answer as the decision logic reads it.</summary>
    public Reading ToReading() =>
        (Value is { } value ? Reading.Of(value) : Reading.Failed(Kind ?? ReadingProblem.NoData, Problem ?? "no value and no reason given"))
            with { Attempts = Attempts, LastAttempt = LastAttempt };

    /// <summary>
    /// Reads a body of <c>/api/v1/query</c>. <paramref name="evaluatedAt"/> and <paramref name="window"/>
    /// decide staleness: a sample older than the window is no evidence for it.
    /// </summary>
    public static PrometheusAnswer Parse(string body, int httpStatus, DateTimeOffset evaluatedAt, TimeSpan window)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return Failed(ReadingProblem.Error, "HTTP " + httpStatus.ToString(CultureInfo.InvariantCulture) + " with a body that is not a Prometheus API answer (is the URL the Prometheus server?): " + Shorten(body));
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var status))
            {
                return Failed(ReadingProblem.Error, "HTTP " + httpStatus.ToString(CultureInfo.InvariantCulture) + " with JSON that is not a Prometheus API answer: " + Shorten(body));
            }
            if (status.GetString() != "success")
            {
                var type = root.TryGetProperty("errorType", out var errorType) ? errorType.GetString() : "error";
                var error = root.TryGetProperty("error", out var text) ? text.GetString() : "(no error text)";
                return Failed(ReadingProblem.Error, "Prometheus rejected the query (" + type + "): " + error);
            }
            if (!root.TryGetProperty("data", out var data) || !data.TryGetProperty("resultType", out var resultType) || !data.TryGetProperty("result", out var result))
            {
                return Failed(ReadingProblem.Error, "the answer has no data.result: " + Shorten(body));
            }
            return resultType.GetString() switch
            {
                "vector" => Vector(result, evaluatedAt, window),
                "scalar" => Sample(result, evaluatedAt, window),
                var other => Failed(ReadingProblem.Error, "the query returns a " + other + ", not one value; write an instant query that returns a single number (e.g. sum(rate(x[$window])))"),
            };
        }
    }

    private static PrometheusAnswer Vector(JsonElement result, DateTimeOffset evaluatedAt, TimeSpan window)
    {
        var count = result.GetArrayLength();
        if (count == 0) return NoSeries();
        if (count > 1) return SeveralSeries(count, Labels(result[0]));
        return result[0].TryGetProperty("value", out var sample) ? Sample(sample, evaluatedAt, window) : NoData("the series has no value");
    }

    private static PrometheusAnswer Sample(JsonElement sample, DateTimeOffset evaluatedAt, TimeSpan window)
    {
        if (sample.ValueKind != JsonValueKind.Array || sample.GetArrayLength() != 2) return Failed(ReadingProblem.Error, "the sample is not [time, value]");
        var at = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(sample[0].GetDouble() * 1000));
        var answer = ValueOf(sample[1].GetString() ?? "");
        if (answer.Value is not null && at < evaluatedAt - window)
        {
            return Failed(ReadingProblem.Stale, "the newest value is from " + at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC, older than the window");
        }
        return answer;
    }

    /// <summary>The answer when the query returned no series at the time asked (an instant query's empty vector, or no point of a range query at that step).</summary>
    internal static PrometheusAnswer NoSeries() => NoData("no series: the query returned nothing (is the metric exported and are the label values right?)");

    /// <summary>The answer when <paramref name="count"/> series came back where one value was expected; <paramref name="firstLabels"/> is the first one's label set as JSON.</summary>
    internal static PrometheusAnswer SeveralSeries(int count, string firstLabels) =>
        Failed(ReadingProblem.SeveralSeries, count.ToString(CultureInfo.InvariantCulture) + " series where one was expected (first: " + firstLabels + "); aggregate the query, e.g. with sum(...)");

    /// <summary>One sample's value as Prometheus writes it ("0.25", "NaN", "+Inf"): a finite number, or no data saying why.</summary>
    internal static PrometheusAnswer ValueOf(string text)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            // Prometheus writes NaN, +Inf and -Inf as such; double.TryParse with the invariant culture does not take "+Inf".
            return NoData("the value is " + text + (text == "NaN" ? " (e.g. 0/0: no traffic in the window)" : "") + ", not a finite number");
        }
        if (double.IsNaN(value) || double.IsInfinity(value)) return NoData("the value is " + text + ", not a finite number");
        return Of(value);
    }

    internal static string Labels(JsonElement series) =>
        series.TryGetProperty("metric", out var metric) ? metric.GetRawText() : "{}";

    internal static string Shorten(string text)
    {
        text = text.Replace('\n', ' ').Replace('\r', ' ').Trim();
        return text.Length <= 200 ? text : text.Substring(0, 197) + "...";
    }
}
