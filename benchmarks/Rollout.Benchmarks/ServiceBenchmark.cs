extern alias Generators;

using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using RolloutGenerator = Generators::Rollout.Generators.RolloutGenerator;

namespace Rollout.Benchmarks;

/// <summary>
/// What the generator and analyzer benchmarks share: N specs (sample copies or light ones) beside 1,000 ordinary files, made like csc makes
/// them, and the standard edits; each iteration works on a fresh copy (<see cref="Input"/>), so nothing bound in
/// an earlier iteration is reused, as in a real build.
/// </summary>
public abstract class ServiceBenchmark
{
    protected Compilation Compilation { get; private set; } = null!;

    protected Compilation AfterPlainEdit { get; private set; } = null!;

    protected Compilation AfterSpecEdit { get; private set; } = null!;

    protected Compilation Input { get; set; } = null!;

    [Params(1, 10, 100, 1000)]
    public int Specs { get; set; }

    [Params(1000)]
    public int Plain { get; set; }

    /// <summary>Copies of the sample specs (what teams write) or of the light template: the two rows of build.sh.</summary>
    [Params(SpecKind.Sample, SpecKind.Light)]
    public SpecKind Kind { get; set; }

    protected void CreateService()
    {
        Compilation = ServiceCompilation.Create(Specs, Plain, Kind);
        (AfterPlainEdit, AfterSpecEdit) = ServiceCompilation.StandardEdits(Compilation, Kind);
    }

    /// <summary>A generator driver with only our generator, as a build creates it.</summary>
    public static GeneratorDriver NewDriver() =>
        CSharpGeneratorDriver.Create(new[] { new RolloutGenerator().AsSourceGenerator() }, parseOptions: ServiceCompilation.ParseOptions);
}
