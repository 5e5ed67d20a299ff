using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Rollout.Dsl.Text;
using Polly.Retry;
using Polly.Timeout;
using Rollout.Semantics;

namespace Rollout.Gates;

/// <summary>
/// Instant and range queries against Prometheus's HTTP API (<c>GET /api/v1/query</c>, <c>/api/v1/query_range</c>). Transient failures
/// (connection refused, an attempt timing out, 5xx, 429) are retried with exponential backoff by a
/// Polly pipeline; whatever still fails is an answer with a problem, never an exception.
/// </summary>
public sealed class PrometheusClient
{
    private readonly HttpClient _http;
    private readonly Uri _baseAddress;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    public PrometheusClient(HttpClient http, Uri prometheus, GateOptions options)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        if (prometheus is null) throw new ArgumentNullException(nameof(prometheus));
        if (!prometheus.IsAbsoluteUri || (prometheus.Scheme != Uri.UriSchemeHttp && prometheus.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The Prometheus address must be an absolute http(s) URL, e.g. http://prometheus:9090, not '" + prometheus + "'.", nameof(prometheus));
        }
        _baseAddress = prometheus.AbsoluteUri.EndsWith("/", StringComparison.Ordinal) ? prometheus : new Uri(prometheus.AbsoluteUri + "/");
        _pipeline = Pipeline(options ?? throw new ArgumentNullException(nameof(options)));
    }

    /// <summary>How far back an empty answer is looked into, to tell a source that stopped reporting from a query that never matched.</summary>
    public static readonly TimeSpan StaleLookback = TimeSpan.FromHours(24);

    /// <summary>
    /// Runs <paramref name="query"/> at <paramref name="at"/>. Cancelling <paramref name="cancellationToken"/> throws. The answer says
    /// how many attempts it took and what the last one got. When the query matches nothing now, a second (range) query over
    /// the last <see cref="StaleLookback"/> finds whether it had values before: then the data is stale, not absent.
    /// </summary>
    public async Task<PrometheusAnswer> QueryAsync(string query, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken)
    {
        var uri = new Uri(_baseAddress, "api/v1/query?query=" + Uri.EscapeDataString(query) + "&time=" + Seconds(at));
        var exchange = await ExchangeAsync(uri, cancellationToken).ConfigureAwait(false);
        var answer = exchange.Failure is { } failure
            ? PrometheusAnswer.Failed(ReadingProblem.Error, failure)
            : PrometheusAnswer.Parse(exchange.Body!, exchange.Status, at, window);
        if (exchange.Failure is null && !exchange.Succeeded && answer.Problem is not null)
        {
            answer = PrometheusAnswer.Failed(ReadingProblem.Error, exchange.Where + ": " + answer.Problem);
        }
        answer = answer with { Attempts = exchange.Attempts, LastAttempt = exchange.LastAttempt };
        if (answer.Kind == ReadingProblem.NoData && answer.Problem is { } problem && problem.StartsWith("no series", StringComparison.Ordinal))
        {
            var newest = await NewestAsync(query, at, cancellationToken).ConfigureAwait(false);
            answer = newest is { } last
                ? StoppedReporting(at, last) with { Attempts = answer.Attempts, LastAttempt = answer.LastAttempt }
                : answer with { Problem = "no series: the query matched nothing in the last " + Invariant.Duration(StaleLookback) + " (is the metric exported and are the label values right?)" };
        }
        return answer;
    }

    /// <summary>
    /// Runs <paramref name="query"/> as a range query (<c>GET /api/v1/query_range</c>) at every <paramref name="step"/> from
    /// <paramref name="start"/> to <paramref name="end"/>, with the same retries as an instant query; whatever still fails is
    /// a <see cref="PrometheusRange"/> with a problem. The caller keeps the range within the server's limit of points per
    /// series (<see cref="PrometheusRange.MaxPointsPerSeries"/>). Cancelling <paramref name="cancellationToken"/> throws.
    /// </summary>
    public async Task<PrometheusRange> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        var uri = new Uri(_baseAddress, "api/v1/query_range?query=" + Uri.EscapeDataString(query) + "&start=" + Seconds(start) + "&end=" + Seconds(end)
            + "&step=" + step.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture));
        var exchange = await ExchangeAsync(uri, cancellationToken).ConfigureAwait(false);
        if (exchange.Failure is { } failure) return PrometheusRange.Failed(failure);
        var range = PrometheusRange.Parse(exchange.Body!, exchange.Status);
        return !exchange.Succeeded && range.Problem is { } problem && !problem.StartsWith("Prometheus rejected", StringComparison.Ordinal)
            ? PrometheusRange.Failed(exchange.Where + ": " + problem)
            : range;
    }

    /// <summary>The step of the look-back range query: the newest value is searched at <c>at - k * StaleStep</c>.</summary>
    public static readonly TimeSpan StaleStep = TimeSpan.FromMinutes(5);

    /// <summary>The answer when a query matches nothing at <paramref name="at"/> but had a value at <paramref name="last"/> (within <see cref="StaleLookback"/>).</summary>
    internal static PrometheusAnswer StoppedReporting(DateTimeOffset at, DateTimeOffset last) =>
        PrometheusAnswer.Failed(ReadingProblem.Stale, "stale: the query's newest value is from " + Time(last) + ", " + Invariant.Duration(Age(at, last))
            + " before the evaluation; the source stopped reporting (check the exporter and its scrape target, not the labels)");

    /// <summary>The time of the newest value <paramref name="query"/> had within <see cref="StaleLookback"/> before <paramref name="at"/>; null when none (or the range query failed).</summary>
    private async Task<DateTimeOffset?> NewestAsync(string query, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var range = await QueryRangeAsync(query, at - StaleLookback, at, StaleStep, cancellationToken).ConfigureAwait(false);
        return range.Problem is null ? range.NewestFiniteSample() : null;
    }

    /// <summary>
    /// One GET through the retry pipeline: the answer's status and body, or (no answer at all) what failed; either way how
    /// many attempts it took and what the last one got.
    /// </summary>
    private async Task<Exchange> ExchangeAsync(Uri uri, CancellationToken cancellationToken)
    {
        var attempts = 0;
        string? last = null;
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    try
                    {
                        var got = await _http.GetAsync(uri, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
                        last = "HTTP " + ((int)got.StatusCode).ToString(CultureInfo.InvariantCulture) + (string.IsNullOrEmpty(got.ReasonPhrase) ? "" : " " + got.ReasonPhrase);
                        return got;
                    }
                    catch (HttpRequestException exception)
                    {
                        last = exception.Message;
                        throw;
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        last = "no answer within the attempt timeout";
                        throw;
                    }
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            return new Exchange(attempts, last, 0, null, "Prometheus at " + _baseAddress + " is unreachable" + After(attempts) + ": " + exception.Message, "");
        }
        catch (TimeoutRejectedException)
        {
            return new Exchange(attempts, last, 0, null, "Prometheus at " + _baseAddress + " did not answer in time" + After(attempts), "");
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return new Exchange(attempts, last, (int)response.StatusCode, body, null, last + " from " + uri.GetLeftPart(UriPartial.Path) + After(attempts));
        }
    }

    /// <param name="Failure">Why there is no answer at all (unreachable, timed out); null when the server answered.</param>
    /// <param name="Where">"HTTP 503 Service Unavailable from .../api/v1/query (after 3 attempts)": the prefix of a problem with a non-2xx answer.</param>
    private sealed record Exchange(int Attempts, string? LastAttempt, int Status, string? Body, string? Failure, string Where)
    {
        public bool Succeeded => Status is >= 200 and < 300;
    }

    private static string After(int attempts) => attempts > 1 ? " (after " + attempts.ToString(CultureInfo.InvariantCulture) + " attempts)" : "";

    private static string Seconds(DateTimeOffset time) => (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    private static TimeSpan Age(DateTimeOffset at, DateTimeOffset last) => TimeSpan.FromSeconds(Math.Max(0, Math.Round((at - last).TotalSeconds)));

    private static ResiliencePipeline<HttpResponseMessage> Pipeline(GateOptions options)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        if (options.Retries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = options.Retries,
                Delay = options.FirstRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = false,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(response => (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests),
            });
        }
        return builder.AddTimeout(options.AttemptTimeout).Build();
    }
}
