using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Rollout.Cli.Tests.EndToEnd;

/// <summary>
/// The sample ASP.NET Core service (samples/CheckoutWeb) as a real process on 127.0.0.1, reading its flag from
/// <see cref="FlagFile"/> the way it runs in production (its configuration reloads when the file changes).
/// </summary>
public sealed class CheckoutWebProcess : IDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly StringWriter _log = new();

    private CheckoutWebProcess(Process process, Uri address, string flagFile)
    {
        _process = process;
        _http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
        FlagFile = flagFile;
    }

    public string FlagFile { get; }

    /// <summary>The built sample beside this test assembly's configuration (the test project references it, so it is built first).</summary>
    public static string Assembly
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return RepoPaths.Combine("samples", "CheckoutWeb", "bin", configuration, "net10.0", "CheckoutWeb.dll");
        }
    }

    public static async Task<CheckoutWebProcess> Start(string flagFile)
    {
        if (!File.Exists(Assembly)) throw new InvalidOperationException("The sample service is not built: " + Assembly + " is missing (dotnet build samples/CheckoutWeb).");
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var address = new Uri("http://127.0.0.1:" + port + "/");
        var start = Command.StartInfo(Command.DotNet, new[] { Assembly, "--urls", address.AbsoluteUri.TrimEnd('/'), "--FlagFile", flagFile },
            Directory.CreateDirectory(Path.GetDirectoryName(flagFile)!).FullName, new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_NOLOGO"] = "1" });
        var process = Process.Start(start)!;
        var web = new CheckoutWebProcess(process, address, flagFile);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (web._log) web._log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (web._log) web._log.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await web.Flow("probe");
                return web;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(200);
            }
            catch (Exception problem)
            {
                var log = web.Log;
                web.Dispose();
                throw new InvalidOperationException("The sample service did not start: " + problem.Message + "\n" + log);
            }
        }
    }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    /// <summary>"new" or "old": the flow the service gives <paramref name="user"/>.</summary>
    public async Task<string> Flow(string user)
    {
        using var answer = await _http.GetAsync("checkout?user=" + Uri.EscapeDataString(user));
        answer.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("flow").GetString()!;
    }

    /// <summary>The users among <paramref name="users"/> the service gives the new flow.</summary>
    public async Task<HashSet<string>> UsersWithNewFlow(IReadOnlyList<string> users)
    {
        var having = new HashSet<string>();
        foreach (var user in users)
        {
            if (await Flow(user) == "new") having.Add(user);
        }
        return having;
    }

    /// <summary>
    /// Asks until two scans in a row give the same answers and those satisfy <paramref name="expected"/> (the service's
    /// configuration reloads a moment after the file changes, possibly in the middle of a scan), or 20 seconds pass;
    /// returns the last answers either way, for the caller's assertions to judge.
    /// </summary>
    public async Task<HashSet<string>> SettledAnswers(IReadOnlyList<string> users, Func<HashSet<string>, bool> expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var previous = await UsersWithNewFlow(users);
        while (true)
        {
            var having = await UsersWithNewFlow(users);
            if ((expected(having) && having.SetEquals(previous)) || DateTime.UtcNow > deadline) return having;
            previous = having;
            await Task.Delay(250);
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }
}
