using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Threading;
using Rollout.TestSupport;

namespace Rollout.Gates.Tests.Infrastructure;

/// <summary>
/// A real Prometheus (Debian's package) on 127.0.0.1, a free port and a temporary data folder, loaded
/// with history written by <c>promtool tsdb create-blocks-from openmetrics</c>, so a 4-hour window is
/// real data. Installs nothing: <c>scripts/install-test-services.sh</c> does that once before the tests
/// (CI runs it); without the binaries the fixture fails with the one command to run. Stopped and removed on dispose.
/// </summary>
public sealed class PrometheusServer : IDisposable
{
    public const string InstallCommand = "scripts/install-test-services.sh";

    /// <summary>How often a start is tried with a new port when another process took the one that was free.</summary>
    private const int PortAttempts = 5;
    private readonly TempFolder _folder;
    private readonly Process _process;
    private readonly StringWriter _log = new();

    private PrometheusServer(TempFolder folder, Process process, Uri address)
    {
        _folder = folder;
        _process = process;
        Address = address;
    }

    /// <summary>The server's base address, e.g. http://127.0.0.1:38211/.</summary>
    public Uri Address { get; }

    /// <summary>Starts a server whose storage holds <paramref name="openMetrics"/> as history.</summary>
    public static PrometheusServer Start(string openMetrics)
    {
        var (prometheus, promtool) = Binaries();
        var folder = new TempFolder("rollout-prometheus");
        try
        {
            var input = folder.Write("history.om.txt", openMetrics);
            var data = Path.Combine(folder.Path, "data");
            Directory.CreateDirectory(data);
            var blocks = Command.RunProgram(promtool, folder.Path, TimeSpan.FromMinutes(2), "tsdb", "create-blocks-from", "openmetrics", input, data);
            if (!blocks.Succeeded) throw new InvalidOperationException("promtool could not write the history:\n" + blocks.Describe());
            var config = folder.Write("prometheus.yml", "global:\n  evaluation_interval: 1m\nscrape_configs: []\n");

            // A free port can be taken by another process between asking and binding: then Prometheus exits
            // with "address already in use", and the start is tried again on another port.
            for (var attempt = 1; ; attempt++)
            {
                var server = Launch(prometheus, folder, config, data, FreePort());
                try
                {
                    server.WaitUntilReady();
                    return server;
                }
                catch (Exception) when (Abandon(server) && attempt < PortAttempts && server.Log().Contains("address already in use", StringComparison.Ordinal))
                {
                }
            }
        }
        catch
        {
            folder.Dispose();
            throw;
        }
    }

    /// <summary>Stops a server that did not come up (its folder stays for the next attempt). Always true: it runs inside an exception filter.</summary>
    private static bool Abandon(PrometheusServer server)
    {
        server.Stop();
        server._process.Dispose();
        return true;
    }

    private static PrometheusServer Launch(string prometheus, TempFolder folder, string config, string data, int port)
    {
        var start = new ProcessStartInfo(prometheus)
        {
            WorkingDirectory = folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--config.file=" + config,
            "--storage.tsdb.path=" + data,
            "--storage.tsdb.retention.time=30d",
            "--web.listen-address=127.0.0.1:" + port,
            "--log.level=warn",
        })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + prometheus);
        var server = new PrometheusServer(folder, process, new Uri("http://127.0.0.1:" + port + "/"));
        process.OutputDataReceived += (_, e) => { lock (server._log) server._log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (server._log) server._log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Stops the server now (the data folder stays until dispose); later queries find nobody listening.</summary>
    public void Stop()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Stop();
        _process.Dispose();
        _folder.Dispose();
    }

    private void WaitUntilReady()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit(); // drains the redirected output, so the log below is complete
                throw new InvalidOperationException("prometheus exited with " + _process.ExitCode + ":\n" + Log());
            }
            try
            {
                using var response = http.GetAsync(new Uri(Address, "-/ready")).GetAwaiter().GetResult();
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (System.Threading.Tasks.TaskCanceledException) { }
            Thread.Sleep(100);
        }
        throw new TimeoutException("prometheus at " + Address + " was not ready within 60 s:\n" + Log());
    }

    private string Log()
    {
        lock (_log) return _log.ToString();
    }

    /// <summary>prometheus and promtool from the PATH; a clear failure naming the install script when absent.</summary>
    private static (string Prometheus, string Promtool) Binaries()
    {
        var prometheus = Executables.Find("prometheus");
        var promtool = Executables.Find("promtool");
        if (prometheus is null || promtool is null)
        {
            throw new InvalidOperationException("The gate tests need a real Prometheus (prometheus and promtool on the PATH) and it is not installed. Run: " + InstallCommand);
        }
        return (prometheus, promtool);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
