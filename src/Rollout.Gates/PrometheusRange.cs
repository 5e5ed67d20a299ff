using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace Rollout.Gates;

/// <summary>
/// One range-query answer (<c>/api/v1/query_range</c>): the series with their samples, or the reason there are none
/// (rejected, unreachable, not a Prometheus answer). Pure: parsing does no I/O.
/// </summary>
public sealed class PrometheusRange
{
    /// <summary>Prometheus refuses a range query that would return more points than this per series.</summary>
    // prometheus/prometheus web/api/v1/api.go, queryRange: "if end.Sub(start)/step > 11000" answers bad_data
    // "exceeded maximum resolution of 11,000 points per timeseries".
    public const int MaxPointsPerSeries = 11_000;

    private PrometheusRange(IReadOnlyList<RangeSeries> series, string? problem)
    {
        Series = series;
        Problem = problem;
    }

    /// <summary>Every series returned, in the server's order.</summary>
    public IReadOnlyList<RangeSeries> Series { get; }

    /// <summary>Why the query has no answer (an error, for every step of the range); null when it has one.</summary>
    public string? Problem { get; }

    /// <summary>The time of the newest point of any series holding a finite value; null when there is none.</summary>
    public DateTimeOffset? NewestFiniteSample()
    {
        long? newest = null;
        foreach (var series in Series)
        {
            for (var i = 0; i < series.TimesMs.Length; i++)
            {
                if (!double.TryParse(series.Values[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value)) continue;
                if (newest is null || series.TimesMs[i] > newest) newest = series.TimesMs[i];
            }
        }
        return newest is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    public static PrometheusRange Failed(string problem) => new(Array.Empty<RangeSeries>(), problem);

    /// <summary>Reads a body of <c>/api/v1/query_range</c>.</summary>
    public static PrometheusRange Parse(string body, int httpStatus)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return Failed("HTTP " + httpStatus.ToString(CultureInfo.InvariantCulture) + " with a body that is not a Prometheus API answer (is the URL the Prometheus server?): " + PrometheusAnswer.Shorten(body));
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("status", out var status))
            {
                return Failed("HTTP " + httpStatus.ToString(CultureInfo.InvariantCulture) + " with JSON that is not a Prometheus API answer: " + PrometheusAnswer.Shorten(body));
            }
            if (status.GetString() != "success")
            {
                var type = root.TryGetProperty("errorType", out var errorType) ? errorType.GetString() : "error";
                var error = root.TryGetProperty("error", out var text) ? text.GetString() : "(no error text)";
                return Failed("Prometheus rejected the query (" + type + "): " + error);
            }
            if (!root.TryGetProperty("data", out var data) || !data.TryGetProperty("resultType", out var resultType) || !data.TryGetProperty("result", out var result))
            {
                return Failed("the answer has no data.result: " + PrometheusAnswer.Shorten(body));
            }
            if (resultType.GetString() != "matrix")
            {
                return Failed("the range query returns a " + resultType.GetString() + ", not series over time; write a query that returns a single number (e.g. sum(rate(x[$window])))");
            }
            var series = new List<RangeSeries>(result.GetArrayLength());
            foreach (var item in result.EnumerateArray())
            {
                var labels = PrometheusAnswer.Labels(item);
                if (!item.TryGetProperty("values", out var values) || values.ValueKind != JsonValueKind.Array) continue;
                var times = new long[values.GetArrayLength()];
                var texts = new string[times.Length];
                var i = 0;
                foreach (var sample in values.EnumerateArray())
                {
                    if (sample.ValueKind != JsonValueKind.Array || sample.GetArrayLength() != 2) return Failed("a sample of " + labels + " is not [time, value]");
                    times[i] = (long)Math.Round(sample[0].GetDouble() * 1000);
                    texts[i] = sample[1].GetString() ?? "";
                    i++;
                }
                series.Add(new RangeSeries(labels, times, texts));
            }
            return new PrometheusRange(series, null);
        }
    }
}

/// <summary>One series of a range answer: its labels (as JSON) and its samples (Unix milliseconds, value as Prometheus wrote it), in time order.</summary>
public sealed record RangeSeries(string Labels, long[] TimesMs, string[] Values);
