extern alias Analyzers;

using System;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using RolloutSpecAnalyzer = Analyzers::Rollout.Analyzers.RolloutSpecAnalyzer;

namespace Rollout.Benchmarks;

/// <summary>
/// A console host to run under a profiler (<c>dotnet-trace collect -- ... profile</c>): what csc does for a
/// service, in rounds, each on freshly parsed sources: run the generator, run the analyzer over the result,
/// emit; and, alternating with it, the same compile without our plug-ins. Prints each phase's wall time.
/// </summary>
public static class ProfileHost
{
    public static int Run(string[] args)
    {
        var specs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var plain = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var kind = ServiceCompilation.KindOf(args, 3);
        Console.WriteLine($"{specs} {kind} specs, {plain} plain files, {rounds} rounds, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        Console.WriteLine("round | without: emit | with: generator | analyzer | emit | total | ratio | CPU ms: without emit | generator | analyzer | emit");
        for (var round = 1; round <= rounds; round++)
        {
            var (without, withoutCpu) = Measure(() => Emit(ServiceCompilation.Create(specs, plain, kind)));

            var input = ServiceCompilation.Create(specs, plain, kind);
            Compilation output = input;
            var (generator, generatorCpu) = Measure(() =>
            {
                var driver = ServiceBenchmark.NewDriver();
                driver.RunGeneratorsAndUpdateCompilation(input, out output, out var diagnostics);
                if (!diagnostics.IsEmpty) throw new InvalidOperationException(string.Join("\n", diagnostics));
            });
            var (analyzer, analyzerCpu) = Measure(() =>
            {
                var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new RolloutSpecAnalyzer());
                var found = output.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
                if (found.Any(d => d.Severity == DiagnosticSeverity.Error)) throw new InvalidOperationException(string.Join("\n", found));
            });
            var (emit, emitCpu) = Measure(() => Emit(output));
            var with = generator + analyzer + emit;
            // CPU time of this process: what the phase cost whatever else the shared machine runs (the analyzer phase
            // includes binding the whole compilation, which csc does anyway; compare it between versions, not with emit).
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{round} | {without:F0} ms | {generator:F0} ms | {analyzer:F0} ms | {emit:F0} ms | {with:F0} ms | {with / without:F2}x | {withoutCpu:F0} | {generatorCpu:F0} | {analyzerCpu:F0} | {emitCpu:F0}"));
        }
        return 0;
    }

    /// <summary>
    /// The generator's runs as an editor makes them: a first run, then a run after an edit to an ordinary file
    /// and one after an edit to a spec, each on a fresh copy of the edited compilation; prints each run's time
    /// and its share of the first run.
    /// </summary>
    public static int Incremental(string[] args)
    {
        var specs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var plain = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var kind = ServiceCompilation.KindOf(args, 3);
        Console.WriteLine($"{specs} {kind} specs, {plain} plain files, {rounds} rounds, {Environment.ProcessorCount} cores, load average {LoadAverage()}");
        Console.WriteLine("round | first run | plain file edited | share | spec edited | share");
        var compilation = ServiceCompilation.Create(specs, plain, kind);
        var (plainEdited, specEdited) = ServiceCompilation.StandardEdits(compilation, kind);
        for (var round = 1; round <= rounds; round++)
        {
            GeneratorDriver driver = ServiceBenchmark.NewDriver();
            var input = compilation.Clone();
            var first = Time(() => driver = driver.RunGenerators(input));
            var plainInput = plainEdited.Clone();
            var afterPlain = Time(() => driver.RunGenerators(plainInput));
            var specInput = specEdited.Clone();
            var afterSpec = Time(() => driver.RunGenerators(specInput));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{round} | {first:F0} ms | {afterPlain:F1} ms | {100 * afterPlain / first:F1} % | {afterSpec:F1} ms | {100 * afterSpec / first:F1} %"));
        }
        return 0;
    }

    /// <summary>
    /// The keystroke path, measured so that a loaded machine does not distort it: after a warm-up run (JIT), one
    /// first run on a fresh driver, then <c>EDITS</c> runs each after a different edit to an ordinary file (a new
    /// compilation each time, as an editor makes them). Prints wall time and this process's CPU time; the
    /// generator driver runs on one thread, so CPU time is what the run costs whatever else the machine does.
    /// </summary>
    public static int Edits(string[] args)
    {
        var specs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1000;
        var plain = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
        var edits = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
        var kind = ServiceCompilation.KindOf(args, 3);
        Compilation compilation = ServiceCompilation.Create(specs, plain, kind);
        ServiceBenchmark.NewDriver().RunGenerators(compilation.Clone());
        var driver = ServiceBenchmark.NewDriver();
        var input = compilation.Clone();
        var (firstWall, firstCpu) = Measure(() => driver = driver.RunGenerators(input));
        double wall = 0, cpu = 0;
        for (var edit = 1; edit <= edits; edit++)
        {
            compilation = ServiceCompilation.Edit(compilation, ServiceCompilation.PlainPath(1), ServiceCompilation.Plain(1) + "// edit " + edit.ToString(CultureInfo.InvariantCulture) + "\n");
            var edited = compilation;
            var (w, c) = Measure(() => driver = driver.RunGenerators(edited));
            wall += w;
            cpu += c;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{specs} {kind} specs, {plain} plain files, load average {LoadAverage()}; first run: {firstWall:F0} ms wall, {firstCpu:F0} ms CPU; mean of {edits} reruns after a plain edit: {wall / edits:F1} ms wall, {cpu / edits:F1} ms CPU = {100 * cpu / edits / firstCpu:F1} % of the first run's CPU"));
        return 0;
    }

    private static (double WallMs, double CpuMs) Measure(Action action)
    {
        // Each phase starts on a collected heap, so the process's CPU time is not charged with collecting the garbage of
        // the phase before (the GC's threads count in it).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        action();
        process.Refresh();
        return (watch.Elapsed.TotalMilliseconds, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }

    private static void Emit(Compilation compilation)
    {
        var result = compilation.Emit(Stream.Null);
        if (!result.Success) throw new InvalidOperationException(string.Join("\n", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
    }

    private static double Time(Action action) => Measure(action).WallMs;

    /// <summary>The machine's load average (1, 5, 15 min), printed beside every number: the machine is shared.</summary>
    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
