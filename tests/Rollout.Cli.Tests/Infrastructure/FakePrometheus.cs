using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
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
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, int> _asked = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private int _requests;

    /// <summary>The answer to attempt <c>n</c> (1-based) of a query: HTTP status and body; a null status never answers.</summary>
    public delegate (int? Status, string Body) Responder(string query, int attempt);

    public FakePrometheus(Responder answer, Func<System.Collections.Specialized.NameValueCollection, string?>? refuse = null, Func<string, string>? range = null)
    {
        Answer = answer;
        Refuse = refuse;
        Range = range;
        (_listener, Url) = Listen();
        _loop = Task.Run(Serve);
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

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _stop.Dispose();
    }

    private async Task Serve()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            Interlocked.Increment(ref _requests);
            Headers.Enqueue(new System.Collections.Specialized.NameValueCollection(context.Request.Headers));
            var query = context.Request.QueryString["query"] ?? "";
            var attempt = _asked.AddOrUpdate(query, 1, (_, n) => n + 1);
            var (status, body) = Refuse?.Invoke(context.Request.Headers) is { } refusal ? (401, refusal)
                : context.Request.Url!.AbsolutePath.EndsWith("/query_range", StringComparison.Ordinal) ? (200, Range?.Invoke(query) ?? Matrix())
                : Answer(query, attempt);
            if (status is null) continue; // silence: the connection stays open until the client gives up
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.StatusCode = status.Value;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            try
            {
                await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
                context.Response.Close();
            }
            catch (HttpListenerException)
            {
                // The client gave up first.
            }
        }
    }

    /// <summary>Listens on a free loopback port; another process taking it between the look-up and the bind means another try.</summary>
    private static (HttpListener, string) Listen()
    {
        for (var attempt = 1; ; attempt++)
        {
            int port;
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                port = ((IPEndPoint)probe.LocalEndpoint).Port;
            }
            var listener = new HttpListener();
            var url = "http://127.0.0.1:" + port;
            listener.Prefixes.Add(url + "/");
            try
            {
                listener.Start();
                return (listener, url);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }
}
