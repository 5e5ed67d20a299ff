using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading.Tasks;

namespace Rollout.TestSupport;

/// <summary>What one command printed and how it ended.</summary>
public sealed record CommandResult(string CommandLine, string WorkingDirectory, int ExitCode, string Output, TimeSpan Duration)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The command, its exit code and the tail of its output, for assertion messages.</summary>
    public string Describe(int tailLines = 120)
    {
        var lines = Output.Split('\n');
        var tail = string.Join("\n", lines.Skip(Math.Max(0, lines.Length - tailLines)));
        return $"`{CommandLine}` in {WorkingDirectory} exited {ExitCode} after {Duration.TotalSeconds:F1} s. Output (last {tailLines} lines):\n{tail}";
    }
}

/// <summary>
/// Runs the dotnet CLI (or another program) as a user would, with bounded time. The child gets a clean environment: no MSBuild
/// variables inherited from the test host (dotnet test sets some), English messages, no telemetry, and no
/// MSBuild nodes left running after the build (so nothing outlives the test or holds its output pipe).
/// </summary>
public static class Command
{
    public static string DotNet { get; } = FindDotNet();

    public static CommandResult Run(
        string workingDirectory,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment,
        params string[] arguments) =>
        RunProcess(DotNet, arguments, workingDirectory, timeout, environment);

    /// <summary>Any other program on PATH, e.g. git.</summary>
    public static CommandResult RunProgram(string fileName, string workingDirectory, TimeSpan timeout, params string[] arguments) =>
        RunProcess(fileName, arguments, workingDirectory, timeout, environment: null);

    /// <summary>Any other program, with extra environment variables.</summary>
    public static CommandResult RunProgram(string fileName, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        RunProcess(fileName, arguments, workingDirectory, timeout, environment);

    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var key in info.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                info.Environment.Remove(key);
            }
        }
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        info.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        if (environment is not null)
        {
            foreach (var pair in environment) info.Environment[pair.Key] = pair.Value;
        }
        return info;
    }

    private static CommandResult RunProcess(string fileName, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment)
    {
        var commandLine = (fileName == DotNet ? "dotnet" : fileName) + " " + string.Join(" ", arguments.Select(a => a.Contains(' ') ? "\"" + a + "\"" : a));
        var output = new StringBuilder();
        var outputClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var errorClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = StartInfo(fileName, arguments, workingDirectory, environment) };
        process.OutputDataReceived += (_, e) => Append(e.Data, outputClosed);
        process.ErrorDataReceived += (_, e) => Append(e.Data, errorClosed);

        var stopwatch = Stopwatch.StartNew();
        try
        {
            process.Start();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"Could not start `{commandLine}` ({fileName}): {e.Message}. The tests need it on PATH.", e);
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        if (!process.WaitForExit(timeout))
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            process.WaitForExit(10_000);
            throw new TimeoutException($"`{commandLine}` in {workingDirectory} did not finish within {timeout.TotalSeconds:F0} s and was killed. Output so far:\n{Snapshot()}");
        }
        // The pipes may be held open by a grandchild (a compiler server); the output itself is complete at exit.
        Task.WaitAll(new Task[] { outputClosed.Task, errorClosed.Task }, TimeSpan.FromSeconds(5));
        stopwatch.Stop();
        return new CommandResult(commandLine, workingDirectory, process.ExitCode, Snapshot(), stopwatch.Elapsed);

        void Append(string? line, TaskCompletionSource closed)
        {
            if (line is null)
            {
                closed.TrySetResult();
                return;
            }
            lock (output) output.Append(line).Append('\n');
        }

        string Snapshot()
        {
            lock (output) return output.ToString();
        }
    }

    private static string FindDotNet()
    {
        // dotnet test sets DOTNET_HOST_PATH to the muxer that runs it; use the same SDK.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && System.IO.File.Exists(host)) return host;
        return "dotnet";
    }
}
