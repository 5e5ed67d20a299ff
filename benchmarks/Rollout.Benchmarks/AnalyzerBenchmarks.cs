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
public class AnalyzerBenchmarks
{
    private static readonly ImmutableArray<DiagnosticAnalyzer> Analyzer = ImmutableArray.Create<DiagnosticAnalyzer>(new RolloutSpecAnalyzer());

    private Compilation _compilation = null!;
    private Compilation _plainEdited = null!;
    private Compilation _specEdited = null!;
    private Compilation _input = null!;

    [Params(1, 10, 100, 1000)]
    public int Specs { get; set; }

    [Params(1000)]
    public int Plain { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _compilation = ServiceCompilation.Create(Specs, Plain);
        (_plainEdited, _specEdited) = ServiceCompilation.StandardEdits(_compilation);
    }

    [IterationSetup(Targets = new[] { nameof(CompilerOnly), nameof(Build) })]
    public void FreshCompilation() => _input = _compilation.Clone();

    [IterationSetup(Target = nameof(PlainFileEdited))]
    public void FreshPlainEdit() => _input = _plainEdited.Clone();

    [IterationSetup(Target = nameof(SpecEdited))]
    public void FreshSpecEdit() => _input = _specEdited.Clone();

    [Benchmark(Baseline = true)]
    public int CompilerOnly() => _input.GetDiagnostics().Length;

    [Benchmark]
    public async Task<int> Build() => (await _input.WithAnalyzers(Analyzer).GetAllDiagnosticsAsync()).Length;

    [Benchmark]
    public Task<int> PlainFileEdited() => AnalyzeDocument(ServiceCompilation.PlainPath(1));

    [Benchmark]
    public Task<int> SpecEdited() => AnalyzeDocument(ServiceCompilation.SpecPath(1));

    private async Task<int> AnalyzeDocument(string path)
    {
        var model = _input.GetSemanticModel(_input.SyntaxTrees.Single(t => t.FilePath == path));
        return (await _input.WithAnalyzers(Analyzer).GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, default)).Length;
    }
}
