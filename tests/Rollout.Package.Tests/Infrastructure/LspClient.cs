using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Rollout.Package.Tests.Infrastructure;

/// <summary>
/// A minimal Language Server Protocol client over a server's stdio: Content-Length framing, JSON-RPC 2.0 with
/// System.Text.Json. Server-to-client requests are answered by a handler; notifications are queued for the test.
/// Every wait is bounded; disposing shuts the server down and kills its process tree.
/// </summary>
public sealed class LspClient : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stream _input;
    private readonly Stream _output;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly Channel<JsonElement> _notifications = Channel.CreateUnbounded<JsonElement>();
    private readonly Func<string, JsonElement, JsonNode?> _answerServerRequest;
    private readonly StringBuilder _stderr = new();
    private readonly List<string> _log = new();
    private readonly Task _reader;
    private long _nextId;

    private LspClient(Process process, Func<string, JsonElement, JsonNode?> answerServerRequest)
    {
        _process = process;
        _input = process.StandardInput.BaseStream;
        _output = process.StandardOutput.BaseStream;
        _answerServerRequest = answerServerRequest;
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (_stderr) _stderr.Append(e.Data).Append('\n');
        };
        process.BeginErrorReadLine();
        _reader = Task.Run(ReadLoopAsync);
    }

    /// <summary>Starts <c>dotnet &lt;arguments&gt;</c> in <paramref name="workingDirectory"/> as the server.</summary>
    public static LspClient Start(IEnumerable<string> arguments, string workingDirectory, Func<string, JsonElement, JsonNode?> answerServerRequest)
    {
        var info = Command.StartInfo(Command.DotNet, arguments, workingDirectory, environment: null);
        info.StandardOutputEncoding = null;
        info.StandardErrorEncoding = Encoding.UTF8;
        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"Could not start the language server (dotnet {string.Join(" ", arguments)}): {e.Message}", e);
        }
        return new LspClient(process, answerServerRequest);
    }

    /// <summary>Server messages seen so far (requests, notifications, log lines), for failure messages.</summary>
    public string Transcript()
    {
        string[] log;
        lock (_log) log = _log.ToArray();
        string stderr;
        lock (_stderr) stderr = _stderr.ToString();
        return "--- server messages ---\n" + string.Join("\n", log.TakeLast(80)) + "\n--- server stderr ---\n" + Tail(stderr, 60);
    }

    public async Task<JsonElement> RequestAsync(string method, object? parameters, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref _nextId);
        var response = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = response;
        await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = ToNode(parameters) });
        try
        {
            return await response.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No answer to '{method}' within {timeout.TotalSeconds:F0} s.\n{Transcript()}");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    public Task NotifyAsync(string method, object? parameters) =>
        SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = ToNode(parameters) });

    /// <summary>The first notification of <paramref name="method"/> whose params satisfy <paramref name="match"/>, or a TimeoutException.</summary>
    public async Task<JsonElement> WaitForNotificationAsync(string method, Func<JsonElement, bool> match, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            while (true)
            {
                var message = await _notifications.Reader.ReadAsync(cancellation.Token);
                if (message.GetProperty("method").GetString() != method) continue;
                var parameters = message.TryGetProperty("params", out var p) ? p : default;
                if (match(parameters)) return parameters;
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No matching '{method}' within {timeout.TotalSeconds:F0} s.\n{Transcript()}");
        }
        catch (ChannelClosedException)
        {
            throw new InvalidOperationException($"The language server closed its output before a matching '{method}' (exit code {ExitCode()}).\n{Transcript()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await RequestAsync("shutdown", null, TimeSpan.FromSeconds(5));
                await NotifyAsync("exit", null);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }
        }
        catch (Exception e) when (e is TimeoutException or IOException or InvalidOperationException or ObjectDisposedException)
        {
            // It is killed below either way.
        }
        finally
        {
            try
            {
                if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
            _process.WaitForExit(10_000);
            await Task.WhenAny(_reader, Task.Delay(TimeSpan.FromSeconds(5)));
            _process.Dispose();
            _writeLock.Dispose();
        }
    }

    private async Task SendAsync(JsonObject message)
    {
        var body = Encoding.UTF8.GetBytes(message.ToJsonString());
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        await _writeLock.WaitAsync();
        try
        {
            await _input.WriteAsync(header);
            await _input.WriteAsync(body);
            await _input.FlushAsync();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (true)
            {
                var length = await ReadHeadersAsync();
                if (length < 0) break;
                var body = new byte[length];
                await _output.ReadExactlyAsync(body);
                JsonElement message;
                using (var document = JsonDocument.Parse(body)) message = document.RootElement.Clone();
                await DispatchAsync(message);
            }
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or ObjectDisposedException or JsonException)
        {
            lock (_log) _log.Add("reader stopped: " + e.Message);
        }
        finally
        {
            _notifications.Writer.TryComplete();
            foreach (var pending in _pending.Values) pending.TrySetException(new IOException("The language server closed its output."));
        }
    }

    private async Task DispatchAsync(JsonElement message)
    {
        var hasId = message.TryGetProperty("id", out var id);
        var method = message.TryGetProperty("method", out var m) ? m.GetString() : null;
        var parameters = message.TryGetProperty("params", out var p) ? p : default;
        if (method is not null && hasId)
        {
            Log("request " + method + " " + Short(parameters));
            JsonNode? result;
            try
            {
                result = _answerServerRequest(method, parameters);
            }
            catch (Exception e)
            {
                Log("handler failed for " + method + ": " + e.Message);
                result = null;
            }
            await SendAsync(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = JsonNode.Parse(id.GetRawText()), ["result"] = result });
        }
        else if (method is not null)
        {
            Log(method == "window/logMessage" || method == "window/showMessage"
                ? "log: " + (parameters.TryGetProperty("message", out var text) ? text.GetString() : "")
                : "notification " + method + " " + Short(parameters));
            await _notifications.Writer.WriteAsync(message);
        }
        else if (hasId && id.ValueKind == JsonValueKind.Number && _pending.TryGetValue(id.GetInt64(), out var waiting))
        {
            if (message.TryGetProperty("error", out var error))
            {
                Log("error response " + error.GetRawText());
                waiting.TrySetException(new InvalidOperationException("The language server answered with an error: " + error.GetRawText()));
            }
            else
            {
                waiting.TrySetResult(message.TryGetProperty("result", out var result) ? result.Clone() : default);
            }
        }
    }

    /// <summary>Reads "Name: value" lines up to the blank line; returns Content-Length, or -1 at end of stream.</summary>
    private async Task<int> ReadHeadersAsync()
    {
        var length = -1;
        var line = new StringBuilder();
        var buffer = new byte[1];
        while (true)
        {
            var read = await _output.ReadAsync(buffer);
            if (read == 0) return -1;
            var c = (char)buffer[0];
            if (c == '\r') continue;
            if (c != '\n')
            {
                line.Append(c);
                continue;
            }
            if (line.Length == 0)
            {
                if (length < 0) throw new IOException("LSP message without Content-Length.");
                return length;
            }
            var text = line.ToString();
            line.Clear();
            var colon = text.IndexOf(':');
            if (colon > 0 && text.Substring(0, colon).Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(text.Substring(colon + 1).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    private void Log(string entry)
    {
        lock (_log) _log.Add(entry);
    }

    private string ExitCode()
    {
        try
        {
            return _process.HasExited ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "still running";
        }
        catch (InvalidOperationException)
        {
            return "unknown";
        }
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        JsonNode node => node,
        JsonElement element => JsonNode.Parse(element.GetRawText()),
        _ => JsonSerializer.SerializeToNode(value),
    };

    private static string Short(JsonElement element)
    {
        var text = element.ValueKind == JsonValueKind.Undefined ? "" : element.GetRawText();
        return text.Length <= 300 ? text : text.Substring(0, 300) + "...";
    }

    private static string Tail(string text, int lines)
    {
        var all = text.Split('\n');
        return string.Join("\n", all.Skip(Math.Max(0, all.Length - lines)));
    }
}
