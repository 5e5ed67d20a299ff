using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Rollout.Reading;

namespace Rollout.Benchmarks;

/// <summary>
/// The two static readers alone, on the service of <see cref="ServiceCompilation"/>: in alternating rounds, each on a
/// fresh clone of the compilation (nothing bound yet, declarations done, as the generator finds it), every spec read
/// by the bound reader (SpecReader: binds the body, then replays its operations) or by the syntactic one
/// (SyntacticSpecReader: no body bound). Prints wall and CPU time per spec and how many specs each read to a plan.
/// </summary>
public static class ReaderHost
{
    public static int Run(string[] args)
    {
        var specs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 6;
        var kind = ServiceCompilation.KindOf(args, 2);
        var compilation = ServiceCompilation.Create(specs, plain: 0, kind);
        compilation.GetDeclarationDiagnostics();
        Console.WriteLine($"{specs} {kind} specs, {rounds} rounds, {Environment.ProcessorCount} cores, load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}");
        Console.WriteLine("round | reader | plans | wall ms | CPU ms | CPU ms per spec");
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var syntactic in new[] { false, true })
            {
                var fresh = compilation.Clone();
                fresh.GetDeclarationDiagnostics();
                var targets = fresh.SyntaxTrees
                    .SelectMany(tree => tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Where(d => d.AttributeLists.Count > 0).Select(d => (Tree: tree, Declaration: d)))
                    .ToList();
                var plans = 0;
                var process = Process.GetCurrentProcess();
                var cpu = process.TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                foreach (var (tree, declaration) in targets)
                {
                    var model = fresh.GetSemanticModel(tree);
                    var method = (IMethodSymbol)model.GetDeclaredSymbol(declaration)!;
                    var plan = syntactic
                        ? SyntacticSpecReader.TryRead(method, declaration, model, CancellationToken.None)
                        : SpecReader.Read(method, declaration, model, CancellationToken.None).Plan;
                    if (plan is not null) plans++;
                }
                process.Refresh();
                var cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{round} | {(syntactic ? "syntactic" : "bound")} | {plans}/{targets.Count} | {wall.Elapsed.TotalMilliseconds:F0} | {cpuMs:F0} | {cpuMs / targets.Count:F2}"));
            }
        }
        return 0;
    }
}
