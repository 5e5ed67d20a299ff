using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Rollout.Reading;

namespace Rollout.Generators;

/// <summary>
/// Reads every <c>[RolloutSpec]</c> statically and embeds each plan's runbook and JSON in the
/// compilation (see <see cref="Dsl.RolloutPlanArtifactAttribute"/>), plus a catalog to read them at run time.
/// Specs the reader cannot evaluate produce nothing here; the analyzers report why.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class RolloutGenerator : IIncrementalGenerator
{
    public static class TrackingNames
    {
        public const string Specs = "RolloutSpecs";
        public const string Rendered = "RenderedPlans";
        public const string HasPlans = "HasPlans";
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var specs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                SpecReader.SpecAttributeName,
                predicate: static (node, _) => node is MethodDeclarationSyntax,
                transform: static (attributed, cancellationToken) => Evaluate(attributed, cancellationToken))
            .WithTrackingName(TrackingNames.Specs);

        var rendered = specs
            .Where(static spec => spec.Plan is not null)
            .Select(static (spec, cancellationToken) => GeneratedSource.ForPlan(spec, cancellationToken))
            .WithTrackingName(TrackingNames.Rendered);

        context.RegisterSourceOutput(rendered, static (output, plan) => output.AddSource(plan.HintName, plan.Source));

        var hasPlans = rendered.Collect()
            .Select(static (plans, _) => !plans.IsEmpty)
            .WithTrackingName(TrackingNames.HasPlans);

        context.RegisterSourceOutput(hasPlans, static (output, any) =>
        {
            if (any) output.AddSource(GeneratedSource.CatalogHintName, GeneratedSource.Catalog);
        });
    }

    private static readonly SymbolDisplayFormat SpecNameFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        memberOptions: SymbolDisplayMemberOptions.IncludeContainingType);

    private static EvaluatedSpec Evaluate(GeneratorAttributeSyntaxContext attributed, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)attributed.TargetSymbol;
        var specName = method.ToDisplayString(SpecNameFormat);
        var reading = SpecReader.Read(method, (MethodDeclarationSyntax)attributed.TargetNode, ReadingModel(attributed), cancellationToken);
        return new EvaluatedSpec(specName, GeneratedSource.HintNameFor(specName), reading.Plan);
    }

    /// <summary>
    /// The reader needs symbols and constants, never nullability: a model without nullable analysis binds a
    /// spec body without the nullable walker's second pass over it (a quarter of the generator's time, profiled;
    /// see docs/performance.md). The option is marked experimental (RSEXPERIMENTAL001, dotnet/roslyn#70609):
    /// should a later compiler drop it, the generator falls back to the ordinary model instead of failing.
    /// </summary>
    private static SemanticModel ReadingModel(GeneratorAttributeSyntaxContext attributed)
    {
        try
        {
            return WithoutNullableAnalysis(attributed.SemanticModel);
        }
        catch (Exception exception) when (exception is MissingMethodException or MissingFieldException or TypeLoadException)
        {
            return attributed.SemanticModel;
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static SemanticModel WithoutNullableAnalysis(SemanticModel model)
    {
#pragma warning disable RSEXPERIMENTAL001 // checked present in the compilers we support; guarded above
        return model.Compilation.GetSemanticModel(model.SyntaxTree, SemanticModelOptions.DisableNullableAnalysis);
#pragma warning restore RSEXPERIMENTAL001
    }
}
