using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Rollout.Cli.Tests.Infrastructure;

/// <summary>
/// A stand-in for Prometheus's HTTP API on 127.0.0.1 for the failure paths a real server will not produce on demand
/// (5xx, 429, 4xx, silence). <see cref="Answer"/> decides each answer from the query and how often that query was asked.
/// </summary>
public sealed class FakePrometheus : IDisposable
{
    private readonly LoopbackHttpServer _server;
    private readonly ConcurrentDictionary<string, int> _asked = new(StringComparer.Ordinal);
    private int _requests;

    /// <summary>The answer to attempt <c>n</c> (1-based) of a query: HTTP status and body; a null status never answers.</summary>
    public delegate (int? Status, string Body) Responder(string query, int attempt);

    public FakePrometheus(Responder answer, Func<System.Collections.Specialized.NameValueCollection, string?>? refuse = null, Func<string, string>? range = null)
    {
        Answer = answer;
        Refuse = refuse;
        Range = range;
        _server = new LoopbackHttpServer(Serve);
        Url = _server.BaseUrl;
    }

    public Responder Answer { get; }

    /// <summary>The body for a range query (<c>/api/v1/query_range</c>) of a query; without it, an empty matrix.</summary>
    public Func<string, string>? Range { get; }

    /// <summary>A successful range-query answer with one series holding <paramref name="points"/>.</summary>
    public static string Matrix(params (DateTimeOffset At, string Value)[] points) =>
        "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":" + (points.Length == 0 ? "[]" : "[{\"metric\":{},\"values\":["
        + string.Join(",", points.Select(p => "[" + p.At.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + ",\"" + p.Value + "\"]")) + "]}]") + "}}";

    /// <summary>Looks at a request's headers first: a non-null result is sent back as a 401 body (a server that echoes what it got).</summary>
    public Func<System.Collections.Specialized.NameValueCollection, string?>? Refuse { get; }

    /// <summary>The headers of every request, in order.</summary>
    public ConcurrentQueue<System.Collections.Specialized.NameValueCollection> Headers { get; } = new();

    /// <summary>Base URL without a trailing slash, as a user types it.</summary>
    public string Url { get; }

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>How many times each query was asked.</summary>
    public IReadOnlyDictionary<string, int> Asked => _asked;

    /// <summary>A successful instant-query answer with one series holding <paramref name="value"/>, sampled now.</summary>
    public static string Vector(string value) =>
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},\"value\":["
        + DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) + ",\"" + value + "\"]}]}}";

    public void Dispose() => _server.Dispose();

    private async Task Serve(HttpListenerContext context)
    {
        Interlocked.Increment(ref _requests);
        Headers.Enqueue(new System.Collections.Specialized.NameValueCollection(context.Request.Headers));
        var query = context.Request.QueryString["query"] ?? "";
        var attempt = _asked.AddOrUpdate(query, 1, (_, n) => n + 1);
        var (status, body) = Refuse?.Invoke(context.Request.Headers) is { } refusal ? (401, refusal)
            : context.Request.Url!.AbsolutePath.EndsWith("/query_range", StringComparison.Ordinal) ? (200, Range?.Invoke(query) ?? Matrix())
            : Answer(query, attempt);
        if (status is null) return; // silence: the connection stays open until the client gives up
        await LoopbackHttpServer.Respond(context, status.Value, Encoding.UTF8.GetBytes(body), "application/json").ConfigureAwait(false);
    }
}
