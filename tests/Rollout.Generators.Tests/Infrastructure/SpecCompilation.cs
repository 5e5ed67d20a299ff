extern alias Generators;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Rollout.Build;
using Rollout.Dsl;
using RolloutGenerator = Generators::Rollout.Generators.RolloutGenerator;

namespace Rollout.Generators.Tests.Infrastructure;

/// <summary>
/// An in-memory service compilation with specs, run through the real generator; every run also checks the
/// generator's cache contract (<see cref="IncrementalCache"/>).
/// </summary>
public sealed class SpecCompilation
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly ImmutableArray<MetadataReference> References = Basic.Reference.Assemblies.Net100.References.All
        .Cast<MetadataReference>()
        .Append(MetadataReference.CreateFromFile(typeof(RolloutPlan).Assembly.Location))
        .ToImmutableArray();

    private SpecCompilation(CSharpCompilation input, Compilation output, ImmutableArray<Diagnostic> generatorDiagnostics, GeneratorDriverRunResult result)
    {
        Input = input;
        Output = output;
        GeneratorDiagnostics = generatorDiagnostics;
        Result = result;
    }

    public CSharpCompilation Input { get; }

    public Compilation Output { get; }

    public ImmutableArray<Diagnostic> GeneratorDiagnostics { get; }

    public GeneratorDriverRunResult Result { get; }

    public IReadOnlyList<GeneratedSourceResult> GeneratedSources => Result.Results.Single().GeneratedSources;

    public static CSharpCompilation Compile(params (string Path, string Source)[] files) =>
        CSharpCompilation.Create(
            "Service",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Source, ParseOptions, f.Path)),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver NewDriver(bool trackSteps = false) =>
        CSharpGeneratorDriver.Create(
            new[] { new RolloutGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    public static SpecCompilation Run(params (string Path, string Source)[] files)
    {
        var input = Compile(files);
        var driver = NewDriver(trackSteps: true).RunGeneratorsAndUpdateCompilation(input, out var output, out var diagnostics);
        var result = driver.GetRunResult();
        IncrementalCache.AssertSecondRunIsCached(driver, input);
        return new SpecCompilation(input, output, diagnostics, result);
    }

    /// <summary>Emits the compilation (with generated code) and returns the image; fails the test on any compile error.</summary>
    public byte[] Emit()
    {
        Assert.Empty(GeneratorDiagnostics);
        using var stream = new MemoryStream();
        var emitted = Output.Emit(stream);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return stream.ToArray();
    }

    /// <summary>What the build step would write: the artifacts embedded in the compiled assembly, by plan id.</summary>
    public IReadOnlyDictionary<string, EmbeddedPlan> BuildArtifacts()
    {
        using var image = new MemoryStream(Emit());
        return EmbeddedArtifacts.Read(image).ToDictionary(p => p.PlanId);
    }

    /// <summary>Runs every [RolloutSpec] method of the compiled assembly: what the runtime builders produce.</summary>
    public IReadOnlyList<RolloutPlan> RunSpecsAtRunTime()
    {
        var context = new AssemblyLoadContext("specs", isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(new MemoryStream(Emit()));
            return assembly.GetTypes()
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
                .Where(m => m.GetCustomAttributes(typeof(RolloutSpecAttribute), false).Length > 0)
                .Select(m => (RolloutPlan)m.Invoke(null, null)!)
                .ToList();
        }
        finally
        {
            context.Unload();
        }
    }
}
