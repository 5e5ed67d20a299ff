using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using Rollout.Fuzzing.Harness;

namespace Rollout.Fuzzing.Fuzzing;

/// <summary>Counts for one mutation kind.</summary>
public sealed class KindStats
{
    public int Mutants { get; set; }
    public int CompileClean { get; set; }
    public int BuildFails { get; set; }
    public int DifferentialChecked { get; set; }
    /// <summary>Specs the syntactic reader decided (each checked against the bound reading, and run time where the differential applies).</summary>
    public int SyntacticDecided { get; set; }
    public int CodeFixesApplied { get; set; }
    public int CancellationTrials { get; set; }
    /// <summary>Mutants the compiler alone could not compile within the long run's budget (so nothing of ours could be checked).</summary>
    public int CompilerBound { get; set; }
    public int Problems { get; set; }
}

/// <summary>What a fuzzing run found: per kind counts and every problem (a host that threw, a mismatch, a bad cancellation or fix).</summary>
public sealed class FuzzReport
{
    public int Seed { get; init; }
    public int Count { get; init; }
    public TimeSpan Duration { get; set; }
    public SortedDictionary<MutationKind, KindStats> Kinds { get; } = new();
    public List<string> Problems { get; } = new();

    public void Add(Mutant mutant, KindStats one, IReadOnlyList<string> problems)
    {
        if (!Kinds.TryGetValue(mutant.Kind, out var stats)) Kinds[mutant.Kind] = stats = new KindStats();
        stats.Mutants += one.Mutants;
        stats.CompileClean += one.CompileClean;
        stats.BuildFails += one.BuildFails;
        stats.DifferentialChecked += one.DifferentialChecked;
        stats.SyntacticDecided += one.SyntacticDecided;
        stats.CodeFixesApplied += one.CodeFixesApplied;
        stats.CancellationTrials += one.CancellationTrials;
        stats.CompilerBound += one.CompilerBound;
        if (problems.Count == 0) return;
        stats.Problems++;
        foreach (var problem in problems)
        {
            Problems.Add("#" + mutant.Index.ToString(CultureInfo.InvariantCulture) + " " + mutant.Kind + " (" + mutant.Base + ": " + mutant.Description + "): " + FuzzRun.OneLine(problem));
        }
    }

    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"seed {Seed}, {Count} mutants, {Duration.TotalSeconds:F0} s, {Problems.Count} problem(s)\n\n");
        text.Append("| kind | mutants | compile-clean | build fails | differential | syntactic | code fixes | cancellations | compiler-bound | problems |\n");
        text.Append("|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var (kind, s) in Kinds)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {kind} | {s.Mutants} | {s.CompileClean} | {s.BuildFails} | {s.DifferentialChecked} | {s.SyntacticDecided} | {s.CodeFixesApplied} | {s.CancellationTrials} | {s.CompilerBound} | {s.Problems} |\n");
        }
        var total = Kinds.Values;
        text.Append(CultureInfo.InvariantCulture, $"| **all** | {total.Sum(s => s.Mutants)} | {total.Sum(s => s.CompileClean)} | {total.Sum(s => s.BuildFails)} | {total.Sum(s => s.DifferentialChecked)} | {total.Sum(s => s.SyntacticDecided)} | {total.Sum(s => s.CodeFixesApplied)} | {total.Sum(s => s.CancellationTrials)} | {total.Sum(s => s.CompilerBound)} | {total.Sum(s => s.Problems)} |\n");
        foreach (var problem in Problems.Take(50)) text.Append("\n- ").Append(problem);
        return text.ToString();
    }
}

/// <summary>
/// Runs mutants of the base specs through the real generator and analyzer, and on top: the differential
/// check for every compile-clean mutant that renders a plan, the three readings (syntactic, bound, run time) of every spec, code fixes on every CallRemoval and every
/// <c>codeFixEvery</c>-th mutant that parses clean, and the cancellation probe on every <c>cancelEvery</c>-th.
/// </summary>
public static class FuzzRun
{
    public static FuzzReport Run(int seed, int count, int codeFixEvery = 10, int cancelEvery = 25, int workers = 2, Action<string>? progress = null)
    {
        var report = new FuzzReport { Seed = seed, Count = count };
        var mutator = new Mutator(seed, BaseSpecs.All());
        var timer = Stopwatch.StartNew();
        var outcomes = new (Mutant Mutant, KindStats Stats, IReadOnlyList<string> Problems)[count];
        var done = 0;
        var troubled = 0;
        using var watchdog = new SlowMutantWatchdog(progress);
        // Mutants are independent; each is made from (seed, index), so the report does not depend on the worker count.
        System.Threading.Tasks.Parallel.For(0, count, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, workers) }, index =>
        {
            var mutant = mutator.Create(index);
            var stats = new KindStats { Mutants = 1 };
            IReadOnlyList<string> problems;
            using (watchdog.Watch(mutant)) problems = Check(mutant, stats, AppliesCodeFixes(mutant, codeFixEvery), ProbesCancellation(mutant, cancelEvery));
            outcomes[index] = (mutant, stats, problems);
            if (problems.Count > 0)
            {
                System.Threading.Interlocked.Increment(ref troubled);
                progress?.Invoke("problem: #" + index.ToString(CultureInfo.InvariantCulture) + " " + mutant.Kind + ": " + OneLine(problems[0]));
            }
            var finished = System.Threading.Interlocked.Increment(ref done);
            if (progress is not null && finished % 500 == 0)
            {
                progress(finished.ToString(CultureInfo.InvariantCulture) + "/" + count.ToString(CultureInfo.InvariantCulture) + " mutants, "
                    + troubled.ToString(CultureInfo.InvariantCulture) + " with problems, " + timer.Elapsed.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture) + " s");
            }
        });
        foreach (var (mutant, one, problems) in outcomes) report.Add(mutant, one, problems);
        report.Duration = timer.Elapsed;
        return report;
    }

    /// <summary>Every CallRemoval mutant (an unfinished plan: what the fixes are for) and every <paramref name="every"/>-th other one.</summary>
    public static bool AppliesCodeFixes(Mutant mutant, int every = 10) => mutant.Index % every == 0 || mutant.Kind == MutationKind.CallRemoval;

    public static bool ProbesCancellation(Mutant mutant, int every = 25) => mutant.Index % every == 0;

    /// <summary>Every problem one mutant shows; empty when all hosts held.</summary>
    public static IReadOnlyList<string> Check(Mutant mutant, KindStats stats, bool applyCodeFixes, bool probeCancellation)
    {
        var problems = new List<string>();
        HarnessResult result;
        try
        {
            result = SpecHarness.Run(mutant.Source);
        }
        catch (Exception exception)
        {
            problems.Add("the harness itself threw: " + exception);
            return problems;
        }
        problems.AddRange(result.Failures);
        if (result.CompilerErrors.Length == 0) stats.CompileClean++;
        if (result.BuildFails) stats.BuildFails++;

        try
        {
            if (Differential.Applies(result))
            {
                stats.DifferentialChecked++;
                problems.AddRange(Differential.Compare(result).Select(m => "differential: " + m));
            }
        }
        catch (Exception exception)
        {
            problems.Add("differential check threw: " + exception);
        }

        try
        {
            problems.AddRange(GeneratedLiterals.Mismatches(result).Select(m => "generated literal: " + m));
        }
        catch (Exception exception)
        {
            problems.Add("generated-literal check threw: " + exception);
        }

        try
        {
            var (decided, mismatches) = ThreeReadings.Compare(result);
            stats.SyntacticDecided += decided;
            problems.AddRange(mismatches.Select(m => "three readings: " + m));
        }
        catch (Exception exception)
        {
            problems.Add("three-readings check threw: " + exception);
        }
        // The analyzer's own cross-check (ROLL104) is a disagreement the fuzzer reports as such.
        problems.AddRange(result.WithId("ROLL104").Select(d => "three readings: the analyzer reports " + d));

        if (applyCodeFixes)
        {
            var fixes = CodeFixProbe.Run(mutant.Source, result);
            stats.CodeFixesApplied += fixes.Applied;
            problems.AddRange(fixes.Failures.Select(f => "code fix: " + f));
        }

        if (probeCancellation)
        {
            var outcome = CancellationProbe.Run(mutant.Source, trials: 3, seed: mutant.Index);
            stats.CancellationTrials += outcome.Trials;
            problems.AddRange(outcome.Failures.Select(f => "cancellation: " + f));
        }
        return problems;
    }

    public static string OneLine(string text)
    {
        var line = text.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " | ", StringComparison.Ordinal);
        return line.Length <= 600 ? line : line.Substring(0, 597) + "...";
    }
}
