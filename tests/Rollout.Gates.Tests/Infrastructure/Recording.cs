using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Rollout.TestSupport;

namespace Rollout.Gates.Tests.Infrastructure;

/// <summary>Answers of a real Prometheus to the queries of one evaluation, as received (status and body), with the evaluation time.</summary>
public sealed record Recording(string Scenario, string PlanStage, double EvaluatedAt, List<RecordedAnswer> Answers)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public DateTimeOffset EvaluatedAtTime => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(EvaluatedAt * 1000));

    /// <summary>The committed recording (tests/Rollout.Gates.Tests/Recorded/&lt;scenario&gt;.json).</summary>
    public static Recording Load(string scenario) =>
        JsonSerializer.Deserialize<Recording>(File.ReadAllText(RepoPaths.Combine("tests", "Rollout.Gates.Tests", "Recorded", scenario + ".json")), Json)
            ?? throw new InvalidDataException("empty recording " + scenario);

    /// <summary>Writes the recording into the source folder (ROLLOUT_ACCEPT=1 runs only).</summary>
    public void Save() =>
        File.WriteAllText(RepoPaths.Combine("tests", "Rollout.Gates.Tests", "Recorded", Scenario + ".json"), JsonSerializer.Serialize(this, Json).Replace("\r\n", "\n") + "\n");

    /// <summary>An HTTP client that answers every query from this recording and fails on any other.</summary>
    public HttpClient Replay() => new(new ReplayHandler(this));

    private sealed class ReplayHandler : HttpMessageHandler
    {
        private readonly Recording _recording;

        public ReplayHandler(Recording recording) => _recording = recording;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var query = QueryOf(request.RequestUri!);
            var api = ApiOf(request.RequestUri!);
            var answer = _recording.Answers.SingleOrDefault(a => a.Query == query && a.Api == api)
                ?? throw new InvalidOperationException("recording '" + _recording.Scenario + "' has no answer for " + query);
            return Task.FromResult(new HttpResponseMessage((HttpStatusCode)answer.HttpStatus) { Content = new StringContent(answer.Body, Encoding.UTF8, "application/json") });
        }
    }

    /// <summary>Null for the instant query (<c>/api/v1/query</c>), else the endpoint's name, e.g. "query_range".</summary>
    public static string? ApiOf(Uri uri) => uri.AbsolutePath.EndsWith("/api/v1/query", StringComparison.Ordinal) ? null : uri.AbsolutePath.Substring(uri.AbsolutePath.LastIndexOf('/') + 1);

    public static string QueryOf(Uri uri)
    {
        foreach (var pair in uri.Query.TrimStart('?').Split('&'))
        {
            if (pair.StartsWith("query=", StringComparison.Ordinal)) return Uri.UnescapeDataString(pair.Substring(6));
        }
        throw new InvalidOperationException("no query in " + uri);
    }
}

/// <param name="Api">The API endpoint when it is not the instant query: "query_range" (the gate's look back for stale data).</param>
public sealed record RecordedAnswer(string Query, int HttpStatus, string Body, string? Api = null);

/// <summary>Passes requests to the real server and keeps every answer.</summary>
public sealed class RecordingHandler : DelegatingHandler
{
    public RecordingHandler() : base(new SocketsHttpHandler()) { }

    public List<RecordedAnswer> Answers { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        lock (Answers) Answers.Add(new RecordedAnswer(Recording.QueryOf(request.RequestUri!), (int)response.StatusCode, body, Recording.ApiOf(request.RequestUri!)));
        var copy = new HttpResponseMessage(response.StatusCode) { Content = new StringContent(body, Encoding.UTF8, "application/json"), ReasonPhrase = response.ReasonPhrase };
        response.Dispose();
        return copy;
    }
}

/// <summary>A clock that always says <see cref="Now"/>.</summary>
public sealed class FixedTime : TimeProvider
{
    public FixedTime(DateTimeOffset now) => Now = now;

    public DateTimeOffset Now { get; }

    public override DateTimeOffset GetUtcNow() => Now;
}
