extern alias Generators;

using System.Collections.Generic;
using System.IO;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Rollout.Dsl;
using RolloutGenerator = Generators::Rollout.Generators.RolloutGenerator;

namespace Rollout.Benchmarks;

/// <summary>
/// The generator on a service with N copies of the checkout spec: a first run, and the run after an edit
/// to a file that holds no spec (outputs stay cached; the specs are re-read because they may use consts elsewhere).
/// </summary>
[MemoryDiagnoser]
public class GeneratorBenchmarks
{
    private const string Unrelated = "namespace Service; public static class Unrelated { public static int Value => 1; }";

    private Compilation _compilation = null!;
    private Compilation _edited = null!;
    private GeneratorDriver _warm = null!;

    [Params(1, 10, 100)]
    public int Specs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var spec = File.ReadAllText(Path.Combine(RepoRoot(), "samples", "CheckoutService", "Specs", "NewCheckoutFlow.cs"));
        var trees = new List<SyntaxTree>();
        for (var i = 0; i < Specs; i++)
        {
            var source = spec.Replace("class NewCheckoutFlow", "class Flow" + i).Replace("\"new-checkout-flow\"", "\"flow-" + i + "\"");
            trees.Add(CSharpSyntaxTree.ParseText(source, path: "Flow" + i + ".cs"));
        }
        var unrelated = CSharpSyntaxTree.ParseText(Unrelated, path: "Unrelated.cs");
        trees.Add(unrelated);
        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(RolloutPlan).Assembly.Location));
        _compilation = CSharpCompilation.Create("Service", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        _edited = _compilation.ReplaceSyntaxTree(unrelated, CSharpSyntaxTree.ParseText(Unrelated.Replace("=> 1", "=> 2"), path: "Unrelated.cs"));
        _warm = NewDriver().RunGenerators(_compilation);
    }

    [Benchmark]
    public GeneratorDriver FirstRun() => NewDriver().RunGenerators(_compilation);

    [Benchmark]
    public GeneratorDriver UnrelatedEdit() => _warm.RunGenerators(_edited);

    private static GeneratorDriver NewDriver() => CSharpGeneratorDriver.Create(new RolloutGenerator());

    private static string RepoRoot()
    {
        for (var directory = new DirectoryInfo(System.AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "RolloutDsl.sln"))) return directory.FullName;
        }
        throw new DirectoryNotFoundException("RolloutDsl.sln not found above " + System.AppContext.BaseDirectory);
    }
}
