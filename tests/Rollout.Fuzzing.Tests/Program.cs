using System;
using System.Globalization;
using System.IO;
using Rollout.Fuzzing.Fuzzing;

namespace Rollout.Fuzzing;

/// <summary>
/// The long fuzzing run: <c>dotnet run -c Release --project tests/Rollout.Fuzzing.Tests -- [seed] [count] [report.md] [workers]</c>;
/// Each mutant is checked in a worker process (<see cref="IsolatedRun"/>), so an input the compiler itself cannot finish does not stop the run.
/// Exits 0 when no host threw, no differential check, cancellation or code fix failed; 1 otherwise.
/// </summary>
public static class Program
{
    /// <summary>How long one mutant (build, differential check, fixes, cancellation probe) may take in a worker.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(60);

    public static int Main(string[] args)
    {
        if (args.Length == 2 && args[0] == "child") return IsolatedRun.Child(int.Parse(args[1], CultureInfo.InvariantCulture));
        if (args.Length == 2 && args[0] == "compiler-alone") return IsolatedRun.CompilerAlone(args[1]);
        var seed = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20261129;
        var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        Console.WriteLine("RolloutDsl spec fuzzer: seed " + seed.ToString(CultureInfo.InvariantCulture) + ", " + count.ToString(CultureInfo.InvariantCulture) + " mutants");
        var workers = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        var report = IsolatedRun.Run(seed, count, workers, Budget, Console.WriteLine);
        var text = report.Describe();
        Console.WriteLine(text);
        if (args.Length > 2) File.WriteAllText(args[2], Rollout.Dsl.Text.UnicodeText.ReplaceLoneSurrogates(text));
        return report.Problems.Count == 0 ? 0 : 1;
    }
}
