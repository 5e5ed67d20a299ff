using System;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Rollout.Reading;

namespace Rollout.Generators;

/// <summary>
/// Reads every <c>[RolloutSpec]</c> statically and embeds each plan's runbook and JSON in the
/// compilation (see <see cref="Dsl.RolloutPlanArtifactAttribute"/>), plus a catalog to read them at run time
/// and a marker that says how many specs it saw and embedded (<see cref="Dsl.RolloutGeneratorRunAttribute"/>).
/// Specs the reader cannot evaluate produce no plan here; the analyzers report why. The generator's own
/// failures on a spec become ROLL103 errors: it never throws, so the compiler never switches it off.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class RolloutGenerator : IIncrementalGenerator
{
    /// <summary>The names of the tracked pipeline steps; the cache tests assert on each (see PipelineModels.cs).</summary>
    internal static class TrackingNames
    {
        public const string Inputs = "RolloutSpecInputs";
        public const string Specs = "RolloutSpecs";
        public const string Rendered = "RenderedPlans";
        public const string Outputs = "Outputs";
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // Every using alias's name: an alias may name [RolloutSpec] (SpecCandidates).
        var aliasNames = context.SyntaxProvider
            .CreateSyntaxProvider(
                predicate: static (node, _) => node is UsingDirectiveSyntax { Alias: not null },
                transform: static (syntax, _) => ((UsingDirectiveSyntax)syntax.Node).Alias!.Name.Identifier.ValueText)
            .Collect()
            .Select(static (names, _) => new SpecCandidates.AliasNames(names));

        // The methods that may be specs, by name alone: nothing is bound on a keystroke (whether one really is a spec is
        // decided when it is read, which happens only when its input changed).
        var candidates = context.SyntaxProvider
            .CreateSyntaxProvider(
                predicate: static (node, _) => node is MethodDeclarationSyntax { AttributeLists.Count: > 0 },
                transform: static (syntax, _) => (MethodDeclarationSyntax)syntax.Node)
            .Combine(aliasNames)
            .Where(static pair => SpecCandidates.MayCarrySpecAttribute(pair.Left, pair.Right))
            .Select(static (pair, _) => pair.Left);

        // Cheap, value-equal inputs (nothing bound); a spec is read only when its input changed, in a run
        // that has the compilation at hand. The handle is never compared and holds the compilation weakly.
        var inputs = candidates
            .Combine(context.CompilationProvider)
            .Select(static (pair, cancellationToken) => SpecInput.Of(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Inputs);

        var compilation = context.CompilationProvider.Select(static (compilation, _) => new CompilationHandle(compilation));

        var specs = inputs
            .Combine(compilation)
            .WithComparer(InputComparer.Instance)
            .Select(static (pair, cancellationToken) => Evaluate(pair.Left, pair.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Specs);

        var rendered = specs
            .Where(static spec => spec.IsSpec)
            .Select(static (spec, cancellationToken) => GeneratedSource.Render(spec, cancellationToken))
            .WithTrackingName(TrackingNames.Rendered);

        var dslReferenced = context.CompilationProvider
            .Select(static (compilation, _) => compilation.GetTypeByMetadataName(SpecReader.SpecAttributeName) is not null);

        var outputs = rendered.Collect()
            .Combine(dslReferenced)
            .WithTrackingName(TrackingNames.Outputs);

        context.RegisterSourceOutput(outputs, static (output, pair) => Emit(output, pair.Left, pair.Right));
    }

    private static void Emit(SourceProductionContext output, ImmutableArray<RenderedPlan> specs, bool dslReferenced)
    {
        try
        {
            var plans = 0;
            foreach (var spec in specs)
            {
                if (spec.Failure is { } failure)
                {
                    output.ReportDiagnostic(Diagnostic.Create(HostFailure.Descriptor, PlaceOf(spec.Place), failure));
                }
                if (spec.Source is not null) plans++;
            }
            foreach (var (hintName, source) in GeneratedSource.PlanFiles(specs)) output.AddSource(hintName, source);
            if (plans > 0) output.AddSource(GeneratedSource.CatalogHintName, GeneratedSource.Catalog);
            // Last, so a failure above leaves no marker and the build step touches no artifacts.
            if (dslReferenced) output.AddSource(GeneratedSource.MarkerHintName, GeneratedSource.Marker(specs.Length, plans));
        }
        catch (Exception exception)
        {
            HostFailure.RethrowIfCancellation(exception);
            output.ReportDiagnostic(Diagnostic.Create(HostFailure.Descriptor, Location.None,
                HostFailure.Message("(all specs)", "embedded", exception)));
        }
    }

    private static EvaluatedSpec Evaluate(SpecInput input, CompilationHandle handle, CancellationToken cancellationToken)
    {
        var specName = input.MethodName;
        try
        {
            var compilation = handle.Compilation ?? throw new InvalidOperationException("the compilation of this run is no longer available");
            var declaration = input.FindIn(compilation, cancellationToken) ?? throw new InvalidOperationException("the spec's declaration was not found in its file " + input.FilePath);
            var model = ReadingModel(compilation, declaration.SyntaxTree);
            var method = model.GetDeclaredSymbol(declaration, cancellationToken) ?? throw new InvalidOperationException("the spec method has no symbol");
            if (!SpecCandidates.IsSpec(method, declaration.SyntaxTree)) return EvaluatedSpec.NotASpec(input);
            specName = method.ToDisplayString(SpecNameFormat);
            var hintName = GeneratedSource.HintNameFor(specName);
            // [RolloutSpec] on the declaring half of a partial method: read the half with the body.
            if (method.PartialImplementationPart is { } implementation
                && implementation.DeclaringSyntaxReferences.Length == 1
                && implementation.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is MethodDeclarationSyntax body)
            {
                method = implementation;
                declaration = body;
                if (body.SyntaxTree != model.SyntaxTree) model = ReadingModel(compilation, body.SyntaxTree);
            }
            // Syntax first (nothing of the body is bound); the bound reader only for a spec the syntactic one declines.
            var plan = SyntacticSpecReader.TryRead(method, declaration, model, cancellationToken)
                ?? SpecReader.Read(method, declaration, model, cancellationToken).Plan;
            return new EvaluatedSpec(specName, hintName, plan, input.Place, Failure: null);
        }
        catch (Exception exception)
        {
            HostFailure.RethrowIfCancellation(exception);
            return new EvaluatedSpec(specName, GeneratedSource.HintNameFor(specName), Plan: null, input.Place, HostFailure.Message(specName, "read", exception));
        }
    }

    /// <summary>
    /// The reader needs symbols and constants, never inferred nullability: a model without nullable analysis
    /// binds a spec body without the nullable walker's second pass over it (a quarter of the generator's time,
    /// profiled; see docs/performance.md). The option is marked experimental (RSEXPERIMENTAL001,
    /// dotnet/roslyn#70609): should a later compiler drop it, the generator uses the ordinary model.
    /// </summary>
    private static SemanticModel ReadingModel(Compilation compilation, SyntaxTree tree)
    {
        try
        {
            return WithoutNullableAnalysis(compilation, tree);
        }
        catch (Exception exception) when (exception is MissingMethodException or MissingFieldException or TypeLoadException)
        {
            return compilation.GetSemanticModel(tree);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static SemanticModel WithoutNullableAnalysis(Compilation compilation, SyntaxTree tree)
    {
#pragma warning disable RSEXPERIMENTAL001 // present in every compiler we load in (4.14 to 5.9); guarded above
        return compilation.GetSemanticModel(tree, SemanticModelOptions.DisableNullableAnalysis);
#pragma warning restore RSEXPERIMENTAL001
    }

    /// <summary>Namespaces, types and method (<c>CheckoutService.Specs.NewCheckoutFlow.Plan</c>): the spec's name in hint names and messages.</summary>
    private static readonly SymbolDisplayFormat SpecNameFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        memberOptions: SymbolDisplayMemberOptions.IncludeContainingType);

    private static Location PlaceOf(SpecPlace place) => Location.Create(place.FilePath, place.Span, place.Lines);
}
