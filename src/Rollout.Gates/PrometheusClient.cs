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
        var uri = new Uri(_baseAddress, "api/v1/query?query=" + Uri.EscapeDataString(query)
            + "&time=" + (at.ToUnixTimeMilliseconds() / 1000.0).ToString("0.###", CultureInfo.InvariantCulture));
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(
                async token => await _http.GetAsync(uri, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            return PrometheusAnswer.Failed(ReadingProblem.Error, "Prometheus at " + _baseAddress + " is unreachable: " + exception.Message);
        }
        catch (TimeoutRejectedException)
        {
            return PrometheusAnswer.Failed(ReadingProblem.Error, "Prometheus at " + _baseAddress + " did not answer in time");
        }
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var answer = PrometheusAnswer.Parse(body, (int)response.StatusCode, at, window);
            if (!response.IsSuccessStatusCode && answer.Problem is not null && !answer.Problem.StartsWith("Prometheus rejected", StringComparison.Ordinal))
            {
                return PrometheusAnswer.Failed(ReadingProblem.Error, "HTTP " + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) + " " + response.ReasonPhrase + " from " + uri.GetLeftPart(UriPartial.Path) + ": " + answer.Problem);
            }
            return answer;
        }
    }

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
