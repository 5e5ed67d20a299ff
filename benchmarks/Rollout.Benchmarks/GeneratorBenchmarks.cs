using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;

namespace Rollout.Benchmarks;

/// <summary>
/// The generator on a service made like csc makes it (<see cref="ServiceCompilation"/>): N specs beside 1,000
/// ordinary files. A first run (a build), and the runs after an edit to an ordinary file and to one spec
/// (an editor's keystroke). Each iteration gets a fresh copy of the compilation, so nothing bound in an
/// earlier iteration is reused, as in a real build.
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks : ServiceBenchmark
{
    private GeneratorDriver _warm = null!;

    [GlobalSetup]
    public void Setup()
    {
        CreateService();
        _warm = NewDriver().RunGenerators(Compilation);
    }

    [IterationSetup(Target = nameof(FirstRun))]
    public void FreshCompilation() => Input = Compilation.Clone();

    [IterationSetup(Target = nameof(PlainFileEdited))]
    public void FreshPlainEdit() => Input = AfterPlainEdit.Clone();

    [IterationSetup(Target = nameof(SpecEdited))]
    public void FreshSpecEdit() => Input = AfterSpecEdit.Clone();

    [Benchmark]
    public GeneratorDriver FirstRun() => NewDriver().RunGenerators(Input);

    [Benchmark]
    public GeneratorDriver PlainFileEdited() => _warm.RunGenerators(Input);

    [Benchmark]
    public GeneratorDriver SpecEdited() => _warm.RunGenerators(Input);
}
