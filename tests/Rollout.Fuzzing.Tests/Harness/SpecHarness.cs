extern alias Analyzers;
extern alias Generators;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Rollout.Build;
using Rollout.Dsl;
using RolloutGenerator = Generators::Rollout.Generators.RolloutGenerator;
using RolloutSpecAnalyzer = Analyzers::Rollout.Analyzers.RolloutSpecAnalyzer;

namespace Rollout.Fuzzing.Harness;

/// <summary>
/// One spec file through what a build runs: the real generator driver, then the real analyzer over the
/// compilation with the generated code, every exception that reaches the compiler recorded (the callback
/// and the AD0001/CS8785 diagnostics the compiler would turn it into).
/// </summary>
public static class SpecHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    // What a spec can touch (the DSL, System, the runtime's facades): far fewer than the whole framework, so each mutant binds fast.
    public static readonly ImmutableArray<MetadataReference> References = new MetadataReference[]
        {
            Basic.Reference.Assemblies.Net100.References.SystemRuntime,
            Basic.Reference.Assemblies.Net100.References.netstandard,
            Basic.Reference.Assemblies.Net100.References.SystemCollections,
            Basic.Reference.Assemblies.Net100.References.SystemLinq,
        }
        .Append(MetadataReference.CreateFromFile(typeof(RolloutPlan).Assembly.Location))
        .ToImmutableArray();

    private static readonly DiagnosticAnalyzer Analyzer = new RolloutSpecAnalyzer();

    private static bool IsAnalyzers(Diagnostic diagnostic) => diagnostic.Id.StartsWith("ROLL", StringComparison.Ordinal) || diagnostic.Id == "AD0001";

    public static CSharpCompilation Compile(params (string Path, string Source)[] files) =>
        CSharpCompilation.Create(
            "Service",
            files.Select(f => CSharpSyntaxTree.ParseText(f.Source, ParseOptions, f.Path)),
            References,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>One spec file beside the sample's support files (<see cref="BaseSpecs.Support"/>).</summary>
    public static HarnessResult Run(string source, CancellationToken cancellationToken = default) => Run(WithSupport(source), cancellationToken);

    public static (string Path, string Source)[] WithSupport(string source) => new[] { ("Spec.cs", source) }.Concat(BaseSpecs.Support).ToArray();

    public static HarnessResult Run((string Path, string Source)[] files, CancellationToken cancellationToken = default)
    {
        var input = Compile(files);
        var failures = new List<string>();

        GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new RolloutGenerator().AsSourceGenerator() }, parseOptions: ParseOptions);
        driver = driver.RunGeneratorsAndUpdateCompilation(input, out var output, out var generatorDiagnostics, cancellationToken);
        var run = driver.GetRunResult().Results.Single();
        if (run.Exception is { } generatorException) failures.Add("generator: " + generatorException);
        failures.AddRange(generatorDiagnostics.Where(d => d.Id == "CS8785").Select(d => "generator: " + d));

        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            onAnalyzerException: (exception, _, _) => { lock (failures) failures.Add("analyzer: " + exception); },
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false,
            analyzerExceptionFilter: exception => exception is not OperationCanceledException);
        // One pass binds the compilation for the compiler's own diagnostics and the analyzer's, as a build does.
        var analysis = output.WithAnalyzers(ImmutableArray.Create(Analyzer), options);
        var all = analysis.GetAllDiagnosticsAsync(cancellationToken).GetAwaiter().GetResult();
        var analyzerDiagnostics = all.Where(IsAnalyzers).ToImmutableArray();
        failures.AddRange(analyzerDiagnostics.Where(d => d.Id == "AD0001").Select(d => "analyzer: " + d));

        var compilerErrors = all.Where(d => !IsAnalyzers(d) && d.Severity == DiagnosticSeverity.Error).ToImmutableArray();
        return new HarnessResult(input, output, compilerErrors, generatorDiagnostics, analyzerDiagnostics, run.GeneratedSources, failures);
    }
}

/// <summary>What one build of a spec gave: diagnostics by host, generated sources, and every failure that escaped a host.</summary>
public sealed record HarnessResult(
    CSharpCompilation Input,
    Compilation Output,
    ImmutableArray<Diagnostic> CompilerErrors,
    ImmutableArray<Diagnostic> GeneratorDiagnostics,
    ImmutableArray<Diagnostic> AnalyzerDiagnostics,
    ImmutableArray<GeneratedSourceResult> GeneratedSources,
    IReadOnlyList<string> Failures)
{
    /// <summary>Every diagnostic a build would print (compiler errors, generator and analyzer diagnostics).</summary>
    public IEnumerable<Diagnostic> All => CompilerErrors.Concat(GeneratorDiagnostics).Concat(AnalyzerDiagnostics);

    public IEnumerable<Diagnostic> Errors => All.Where(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The build fails: a compiler error or an error from our hosts.</summary>
    public bool BuildFails => Errors.Any();

    public IEnumerable<Diagnostic> WithId(string id) => All.Where(d => d.Id == id);

    /// <summary>The embedded plans and the generator's marker, as the build step reads them from the emitted assembly.</summary>
    public EmbeddedContent EmbeddedContent()
    {
        using var image = new MemoryStream(Emit());
        return EmbeddedArtifacts.ReadContent(image);
    }

    private byte[]? _image;

    /// <summary>The generator's marker as it wrote it: specs seen and plans embedded; null when it wrote none.</summary>
    public (int Specs, int Plans)? Marker
    {
        get
        {
            var marker = GeneratedSources.FirstOrDefault(s => s.HintName == "Rollout.Generated.GeneratorRun.g.cs");
            if (marker.SourceText is null) return null;
            var match = System.Text.RegularExpressions.Regex.Match(marker.SourceText.ToString(), @"RolloutGeneratorRunAttribute\((\d+), (\d+)\)");
            return match.Success ? (int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)) : null;
        }
    }

    /// <summary>The compiled assembly (emitted once); throws when the compilation has errors.</summary>
    public byte[] Emit()
    {
        if (_image is not null) return _image;
        using var stream = new MemoryStream();
        var emitted = Output.Emit(stream);
        if (!emitted.Success) throw new InvalidOperationException("does not emit: " + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)));
        return _image = stream.ToArray();
    }

    /// <summary>
    /// Runs every [RolloutSpec] method of the emitted assembly: each plan's runbook and JSON as the running
    /// spec renders them, or the exception the spec throws.
    /// </summary>
    public IReadOnlyList<RuntimeSpec> RunSpecs() => _runtime ??= RunSpecsOnce();

    private IReadOnlyList<RuntimeSpec>? _runtime;

    private IReadOnlyList<RuntimeSpec> RunSpecsOnce()
    {
        var context = new AssemblyLoadContext("specs", isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(new MemoryStream(Emit()));
            var results = new List<RuntimeSpec>();
            foreach (var method in assembly.GetTypes()
                         .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
                         .Where(m => m.GetCustomAttributes(typeof(RolloutSpecAttribute), false).Length > 0 && m.GetParameters().Length == 0 && m.ReturnType == typeof(RolloutPlan)))
            {
                try
                {
                    var plan = (RolloutPlan)method.Invoke(null, null)!;
                    // Metadata stores strings as UTF-8, so the generator embeds the id with lone surrogates repaired (an invalid id: ROLL016).
                    results.Add(new RuntimeSpec(method.Name, Rollout.Dsl.Text.UnicodeText.ReplaceLoneSurrogates(plan.Id), plan.ToRunbook(), plan.ToJson(), null));
                }
                catch (Exception exception)
                {
                    var thrown = exception is TargetInvocationException { InnerException: { } inner } ? inner : exception;
                    results.Add(new RuntimeSpec(method.Name, null, null, null, thrown.GetType().Name + ": " + thrown.Message));
                }
            }
            return results;
        }
        finally
        {
            context.Unload();
        }
    }
}

/// <summary>One spec run at run time: its plan's id, runbook and JSON, or the exception it threw.</summary>
public sealed record RuntimeSpec(string Method, string? PlanId, string? Runbook, string? Json, string? Exception);
