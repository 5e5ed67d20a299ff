extern alias Analyzers;

using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using RolloutSpecAnalyzer = Analyzers::Rollout.Analyzers.RolloutSpecAnalyzer;

namespace Rollout.Benchmarks;

/// <summary>
/// The spec analyzer on a service made like csc makes it: N specs beside 1,000 ordinary files.
/// <see cref="CompilerOnly"/> is the baseline a build pays anyway (binding and checking every body);
/// <see cref="Build"/> is the same with our analyzer attached, as csc runs it. The two editor cases
/// analyze one document after an edit, as an IDE does on a keystroke.
/// </summary>
[MemoryDiagnoser]
public class AnalyzerBenchmarks : ServiceBenchmark
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzer = ImmutableArray.Create<DiagnosticAnalyzer>(new RolloutSpecAnalyzer());

    [GlobalSetup]
    public void Setup() => CreateService();

    [IterationSetup(Targets = new[] { nameof(CompilerOnly), nameof(Build) })]
    public void FreshCompilation() => Input = Compilation.Clone();

    [IterationSetup(Target = nameof(PlainFileEdited))]
    public void FreshPlainEdit() => Input = AfterPlainEdit.Clone();

    [IterationSetup(Target = nameof(SpecEdited))]
    public void FreshSpecEdit() => Input = AfterSpecEdit.Clone();

    [Benchmark(Baseline = true)]
    public int CompilerOnly() => Input.GetDiagnostics().Length;

    [Benchmark]
    public async Task<int> Build() => (await Input.WithAnalyzers(Analyzer).GetAllDiagnosticsAsync()).Length;

    [Benchmark]
    public Task<int> PlainFileEdited() => AnalyzeDocument(ServiceCompilation.PlainPath(1));

    [Benchmark]
    public Task<int> SpecEdited() => AnalyzeDocument(ServiceCompilation.SpecPath(1));

    private async Task<int> AnalyzeDocument(string path)
    {
        var model = Input.GetSemanticModel(Input.SyntaxTrees.Single(t => t.FilePath == path));
        return (await Input.WithAnalyzers(Analyzer).GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, default)).Length;
    }
}
