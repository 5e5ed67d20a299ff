using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace Rollout.Run.Tests.Infrastructure;

/// <summary>
/// A Slack-style incoming webhook on 127.0.0.1: counts every post, answers the first <see cref="FailFirst"/> with 503 and
/// the rest with 200, and keeps the bodies it accepted. <see cref="OnPost"/> runs before each answer (to look at the flag
/// file at the moment the announcement arrives).
/// </summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _posts;

    public WebhookReceiver(int failFirst = 0)
    {
        FailFirst = failFirst;
        (_listener, Url) = Listen();
        _loop = Task.Run(Serve);
    }

    public int FailFirst { get; set; }

    public string Url { get; }

    public Action<string>? OnPost { get; set; }

    /// <summary>Every post, accepted or not.</summary>
    public int Posts => Volatile.Read(ref _posts);

    /// <summary>The bodies answered with 200, in order.</summary>
    public ConcurrentQueue<string> Delivered { get; } = new();

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
            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync().ConfigureAwait(false);
            OnPost?.Invoke(body);
            var number = Interlocked.Increment(ref _posts);
            var accept = number > FailFirst;
            if (accept) Delivered.Enqueue(body);
            context.Response.StatusCode = accept ? 200 : 503;
            try
            {
                await context.Response.OutputStream.WriteAsync("ok"u8.ToArray()).ConfigureAwait(false);
                context.Response.Close();
            }
            catch (HttpListenerException)
            {
            }
        }
    }

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
            var url = "http://127.0.0.1:" + port + "/hook";
            listener.Prefixes.Add("http://127.0.0.1:" + port + "/");
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
