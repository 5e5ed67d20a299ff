extern alias Generators;

using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RolloutGenerator = Generators::Rollout.Generators.RolloutGenerator;

namespace Rollout.Benchmarks;

/// <summary>
/// Where a generator's first run goes, step by step, as Roslyn itself times it (<see cref="IncrementalGeneratorRunStep.ElapsedTime"/>
/// with step tracking on): each round a fresh driver on a fresh compilation, the time of every tracked step summed over
/// its runs and divided by the specs. Round 1 includes JIT; later rounds are the warm cost a compiler server pays.
/// </summary>
public static class StepsHost
{
    public static int Run(string[] args)
    {
        var specs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var plain = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        var kind = ServiceCompilation.KindOf(args, 3);
        Console.WriteLine($"{specs} {kind} specs, {plain} plain files, {rounds} rounds, {Environment.ProcessorCount} cores, load average {ProfileHost.LoadAverage()}");
        for (var round = 1; round <= rounds; round++)
        {
            var input = ServiceCompilation.Create(specs, plain, kind);
            GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new RolloutGenerator().AsSourceGenerator() },
                parseOptions: ServiceCompilation.ParseOptions, driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
            if (round == 1)
            {
                // The same compilation once without our generator first, so the JIT numbers below are (mostly) ours, not Roslyn's.
                input.Clone().Emit(System.IO.Stream.Null);
            }
            GC.Collect();
            var jitted = System.Runtime.JitInfo.GetCompiledMethodCount();
            var jitTime = System.Runtime.JitInfo.GetCompilationTime();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var collections = GC.CollectionCount(0);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            driver = driver.RunGenerators(input);
            var total = watch.Elapsed.TotalMilliseconds;
            // The driver runs a generator on the calling thread: this thread's allocations are the run's.
            var megabytes = (GC.GetAllocatedBytesForCurrentThread() - allocated) / (1024.0 * 1024.0);
            Console.WriteLine(FormattableString.Invariant(
                $"round {round}: {megabytes:F1} MB allocated ({megabytes * 1024 / specs:F0} KB/spec), {GC.CollectionCount(0) - collections} gen0 collections"));
            Console.WriteLine(FormattableString.Invariant(
                $"round {round}: {System.Runtime.JitInfo.GetCompiledMethodCount() - jitted} methods jitted during the run, {(System.Runtime.JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds:F0} ms of JIT"));
            var result = driver.GetRunResult().Results[0];
            var steps = result.TrackedSteps.Select(step => (step.Key, Ms: step.Value.Sum(run => run.ElapsedTime.TotalMilliseconds)))
                .OrderByDescending(step => step.Ms).ToList();
            var parts = steps.Select(s => FormattableString.Invariant($"{s.Key} {s.Ms:F0} ms ({s.Ms / specs:F2}/spec)"));
            Console.WriteLine(FormattableString.Invariant($"round {round}: run {total:F0} ms ({total / specs:F2} ms/spec); ") + string.Join(", ", parts));
        }
        return 0;
    }
}
