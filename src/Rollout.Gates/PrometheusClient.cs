using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Rollout.Semantics;

namespace Rollout.Gates;

/// <summary>
/// Instant queries against Prometheus's HTTP API (<c>GET /api/v1/query</c>). Transient failures
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

    /// <summary>Runs <paramref name="query"/> at <paramref name="at"/>. Cancelling <paramref name="cancellationToken"/> throws.</summary>
    public async Task<PrometheusAnswer> QueryAsync(string query, DateTimeOffset at, TimeSpan window, CancellationToken cancellationToken)
    {
        var uri = new Uri(_baseAddress, "api/v1/query?query=" + Uri.EscapeDataString(query) + "&time=" + Seconds(at));
        var (body, status, failure) = await GetAsync(uri, cancellationToken).ConfigureAwait(false);
        if (failure is not null) return PrometheusAnswer.Failed(ReadingProblem.Error, failure);
        var answer = PrometheusAnswer.Parse(body!, (int)status!.Value.Code, at, window);
        return Unsuccessful(status.Value, uri, answer.Problem) is { } problem ? PrometheusAnswer.Failed(ReadingProblem.Error, problem) : answer;
    }

    /// <summary>
    /// Runs <paramref name="query"/> as a range query (<c>GET /api/v1/query_range</c>) at every <paramref name="step"/> from
    /// <paramref name="start"/> to <paramref name="end"/>. The caller keeps the range within the server's limit of points
    /// per series (<see cref="PrometheusRange.MaxPointsPerSeries"/>). Cancelling <paramref name="cancellationToken"/> throws.
    /// </summary>
    public async Task<PrometheusRange> QueryRangeAsync(string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, CancellationToken cancellationToken)
    {
        var uri = new Uri(_baseAddress, "api/v1/query_range?query=" + Uri.EscapeDataString(query) + "&start=" + Seconds(start) + "&end=" + Seconds(end)
            + "&step=" + step.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture));
        var (body, status, failure) = await GetAsync(uri, cancellationToken).ConfigureAwait(false);
        if (failure is not null) return PrometheusRange.Failed(failure);
        var range = PrometheusRange.Parse(body!, (int)status!.Value.Code);
        return Unsuccessful(status.Value, uri, range.Problem) is { } problem ? PrometheusRange.Failed(problem) : range;
    }

    /// <summary>The body and status of a GET, or why there is none (unreachable, no answer in time) in words.</summary>
    private async Task<(string? Body, (HttpStatusCode Code, string? Reason)? Status, string? Failure)> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                async token => await _http.GetAsync(uri, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            return (null, null, "Prometheus at " + _baseAddress + " is unreachable: " + exception.Message);
        }
        catch (TimeoutRejectedException)
        {
            return (null, null, "Prometheus at " + _baseAddress + " did not answer in time");
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return (body, (response.StatusCode, response.ReasonPhrase), null);
        }
    }

    /// <summary>For a non-2xx answer whose body was not Prometheus's own rejection: the problem with the status and the path; else null.</summary>
    private static string? Unsuccessful((HttpStatusCode Code, string? Reason) status, Uri uri, string? problem) =>
        (int)status.Code is < 200 or > 299 && problem is not null && !problem.StartsWith("Prometheus rejected", StringComparison.Ordinal)
            ? "HTTP " + ((int)status.Code).ToString(CultureInfo.InvariantCulture) + " " + status.Reason + " from " + uri.GetLeftPart(UriPartial.Path) + ": " + problem
            : null;

    private static string Seconds(DateTimeOffset time) => (time.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture);

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
