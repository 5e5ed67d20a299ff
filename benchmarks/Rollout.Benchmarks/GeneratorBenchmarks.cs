extern alias Generators;

using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RolloutGenerator = Generators::Rollout.Generators.RolloutGenerator;

namespace Rollout.Benchmarks;

/// <summary>
/// The generator on a service made like csc makes it (<see cref="ServiceCompilation"/>): N specs beside 1,000
/// ordinary files. A first run (a build), and the runs after an edit to an ordinary file and to one spec
/// (an editor's keystroke). Each iteration gets a fresh copy of the compilation, so nothing bound in an
/// earlier iteration is reused, as in a real build.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private Compilation _compilation = null!;
    private Compilation _plainEdited = null!;
    private Compilation _specEdited = null!;
    private GeneratorDriver _warm = null!;
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
        _warm = NewDriver().RunGenerators(_compilation);
    }

    [IterationSetup(Target = nameof(FirstRun))]
    public void FreshCompilation() => _input = _compilation.Clone();

    [IterationSetup(Target = nameof(PlainFileEdited))]
    public void FreshPlainEdit() => _input = _plainEdited.Clone();

    [IterationSetup(Target = nameof(SpecEdited))]
    public void FreshSpecEdit() => _input = _specEdited.Clone();

    [Benchmark]
    public GeneratorDriver FirstRun() => NewDriver().RunGenerators(_input);

    [Benchmark]
    public GeneratorDriver PlainFileEdited() => _warm.RunGenerators(_input);

    [Benchmark]
    public GeneratorDriver SpecEdited() => _warm.RunGenerators(_input);

    private static GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create(new[] { new RolloutGenerator().AsSourceGenerator() }, parseOptions: ServiceCompilation.ParseOptions);
}
