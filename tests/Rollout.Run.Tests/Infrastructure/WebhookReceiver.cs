using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Rollout.TestSupport;

namespace Rollout.Run.Tests.Infrastructure;

/// <summary>
/// A Slack-style incoming webhook on 127.0.0.1: counts every post, answers the first <see cref="FailFirst"/> with 503 and
/// the rest with 200, and keeps the bodies it accepted. <see cref="OnPost"/> runs before each answer (to look at the flag
/// file at the moment the announcement arrives).
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly LoopbackHttpServer _server;
    private int _posts;

    public WebhookReceiver(int failFirst = 0)
    {
        FailFirst = failFirst;
        _server = new LoopbackHttpServer(Answer);
        Url = _server.BaseUrl + "/hook";
    }

    public int FailFirst { get; set; }

    public string Url { get; }

    public Action<string>? OnPost { get; set; }

    /// <summary>Every post, accepted or not.</summary>
    public int Posts => Volatile.Read(ref _posts);

    /// <summary>The bodies answered with 200, in order.</summary>
    public ConcurrentQueue<string> Delivered { get; } = new();

    public void Dispose() => _server.Dispose();

    private async Task Answer(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync().ConfigureAwait(false);
        OnPost?.Invoke(body);
        var number = Interlocked.Increment(ref _posts);
        var accept = number > FailFirst;
        if (accept) Delivered.Enqueue(body);
        await LoopbackHttpServer.Respond(context, accept ? 200 : 503, "ok"u8.ToArray()).ConfigureAwait(false);
    }
}
