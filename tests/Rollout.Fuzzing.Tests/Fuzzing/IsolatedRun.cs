using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Rollout.Fuzzing.Harness;

namespace Rollout.Fuzzing.Fuzzing;

/// <summary>One mutant's outcome as a child process reports it (one JSON line).</summary>
public sealed record MutantOutcome(int Index, KindStats Stats, IReadOnlyList<string> Problems);

/// <summary>
/// The long run with every mutant checked in a worker process. Some inputs make the C# compiler itself bind
/// for many minutes (a long fluent chain whose every lambda has a syntax error: the binder's error recovery
/// re-binds the lambdas of each receiver again), and the binder does not observe cancellation inside one
/// method body, so a thread stuck there cannot be stopped. A worker that gives no answer within the budget
/// is killed and replaced; its mutant is then compiled by the compiler alone, in another process with twice
/// the budget: if the compiler alone finishes, our hosts hung (a problem); if not, the input is compiler-bound
/// (counted and saved, not a finding about RolloutDsl).
/// </summary>
public static class IsolatedRun
{
    private const string Done = "DONE ";

    public static FuzzReport Run(int seed, int count, int workers, TimeSpan budget, Action<string> progress)
    {
        var report = new FuzzReport { Seed = seed, Count = count };
        var mutator = new Mutator(seed, BaseSpecs.All());
        var timer = Stopwatch.StartNew();
        var pending = new ConcurrentQueue<int>(Enumerable.Range(0, count));
        var outcomes = new MutantOutcome?[count];
        var finished = 0;
        var threads = Enumerable.Range(0, Math.Max(1, workers)).Select(_ => new Thread(() =>
        {
            Process? child = null;
            try
            {
                while (pending.TryDequeue(out var index))
                {
                    child ??= Start("child", seed.ToString(CultureInfo.InvariantCulture));
                    child.StandardInput.WriteLine(index.ToString(CultureInfo.InvariantCulture));
                    child.StandardInput.Flush();
                    var answer = ReadAnswer(child, budget);
                    if (answer is null)
                    {
                        Kill(child);
                        child = null;
                        outcomes[index] = Stuck(mutator.Create(index), budget, progress);
                    }
                    else
                    {
                        outcomes[index] = answer;
                        if (answer.Problems.Count > 0) progress("problem: #" + index.ToString(CultureInfo.InvariantCulture) + ": " + answer.Problems[0]);
                    }
                    var done = Interlocked.Increment(ref finished);
                    if (done % 500 == 0)
                    {
                        progress(done.ToString(CultureInfo.InvariantCulture) + "/" + count.ToString(CultureInfo.InvariantCulture) + " mutants, "
                            + timer.Elapsed.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture) + " s");
                    }
                }
            }
            finally
            {
                if (child is not null) Kill(child);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        for (var index = 0; index < count; index++)
        {
            var outcome = outcomes[index] ?? throw new InvalidOperationException("mutant #" + index.ToString(CultureInfo.InvariantCulture) + " has no outcome");
            var mutant = mutator.Create(index);
            report.Add(mutant, outcome.Stats, outcome.Problems);
        }
        report.Duration = timer.Elapsed;
        return report;
    }

    /// <summary>The worker: reads mutant indices from standard input, answers each with one JSON line.</summary>
    public static int Child(int seed)
    {
        var mutator = new Mutator(seed, BaseSpecs.All());
        while (Console.ReadLine() is { } line)
        {
            var index = int.Parse(line, CultureInfo.InvariantCulture);
            var mutant = mutator.Create(index);
            var stats = new KindStats { Mutants = 1 };
            IReadOnlyList<string> problems;
            try
            {
                problems = FuzzRun.Check(mutant, stats, FuzzRun.AppliesCodeFixes(mutant), FuzzRun.ProbesCancellation(mutant));
            }
            catch (Exception exception)
            {
                problems = new[] { "the check threw: " + exception };
            }
            Console.Out.WriteLine(Done + JsonSerializer.Serialize(new MutantOutcome(index, stats, problems)));
            Console.Out.Flush();
        }
        return 0;
    }

    /// <summary>Compiles one file with the compiler alone (no generator, no analyzer) and prints the seconds it took.</summary>
    public static int CompilerAlone(string file)
    {
        var watch = Stopwatch.StartNew();
        SpecHarness.Compile(SpecHarness.WithSupport(File.ReadAllText(file))).GetDiagnostics();
        Console.WriteLine(Done + watch.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture));
        return 0;
    }

    private static MutantOutcome Stuck(Mutant mutant, TimeSpan budget, Action<string> progress)
    {
        var file = Path.Combine(Path.GetTempPath(), "rollout-slow-mutant-" + mutant.Index.ToString(CultureInfo.InvariantCulture) + ".cs");
        File.WriteAllText(file, "// " + mutant.Kind + " (" + mutant.Base + "): " + mutant.Description.Replace("\n", " ", StringComparison.Ordinal) + "\n" + mutant.Source);
        var compiler = Start("compiler-alone", file);
        var answer = ReadLine(compiler, budget * 2);
        Kill(compiler);
        var stats = new KindStats { Mutants = 1 };
        var seconds = budget.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture);
        if (answer is null)
        {
            stats.CompilerBound = 1;
            progress("compiler-bound: #" + mutant.Index.ToString(CultureInfo.InvariantCulture) + " " + mutant.Kind + " (" + mutant.Description + "): the worker exited or gave no answer in "
                + seconds + " s, and the compiler alone did not finish in " + (budget.TotalSeconds * 2).ToString("F0", CultureInfo.InvariantCulture) + " s; source in " + file);
            return new MutantOutcome(mutant.Index, stats, Array.Empty<string>());
        }
        var problem = "the worker exited or gave no answer in " + seconds + " s where the compiler alone took " + answer.Substring(Done.Length) + " s; source in " + file;
        progress("problem: #" + mutant.Index.ToString(CultureInfo.InvariantCulture) + ": " + problem);
        return new MutantOutcome(mutant.Index, stats, new[] { problem });
    }

    private static MutantOutcome? ReadAnswer(Process child, TimeSpan budget)
    {
        var line = ReadLine(child, budget);
        return line is null ? null : JsonSerializer.Deserialize<MutantOutcome>(line.Substring(Done.Length));
    }

    /// <summary>The child's next answer line; null when it gives none within the budget or exits.</summary>
    private static string? ReadLine(Process child, TimeSpan budget)
    {
        var deadline = DateTime.UtcNow + budget;
        while (true)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero) return null;
            var read = child.StandardOutput.ReadLineAsync();
            if (!read.Wait(remaining)) return null;
            if (read.Result is null) return null;
            if (read.Result.StartsWith(Done, StringComparison.Ordinal)) return read.Result;
        }
    }

    private static Process Start(params string[] arguments)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = false,
            UseShellExecute = false,
        };
        var host = Environment.ProcessPath ?? "dotnet";
        start.FileName = host;
        // Run as `dotnet Rollout.Fuzzing.Tests.dll`, the host is dotnet: hand it the program again.
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase)) start.ArgumentList.Add(typeof(IsolatedRun).Assembly.Location);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return Process.Start(start) ?? throw new InvalidOperationException("could not start " + host);
    }

    private static void Kill(Process process)
    {
        try
        {
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(2))) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        process.Dispose();
    }
}
