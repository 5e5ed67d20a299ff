using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Rollout.Dsl;
using Rollout.Dsl.Rules;
using Rollout.Reading;

namespace Rollout.Analyzers;

/// <summary>
/// Reads every <c>[RolloutSpec]</c> method once with the shared static reader and reports what the
/// reader could not evaluate (ROLL100), a wrong method shape (ROLL101), its own failure to check a spec (ROLL103), a syntactic
/// reading (what the generator embeds) that differs from the bound one (ROLL104), every finding of the rule
/// catalog (ROLL001...) and, at compilation end, plan ids used by more than one spec (ROLL102).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RolloutSpecAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => RolloutDescriptors.All;

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(OnCompilationStart);
    }

    private static void OnCompilationStart(CompilationStartAnalysisContext start)
    {
        // Not a RolloutDsl project: register nothing, so nothing runs.
        var specAttribute = start.Compilation.GetTypeByMetadataName(SpecReader.SpecAttributeName);
        if (specAttribute is null) return;

        // The only state kept across actions: each plan id with where it was written, for ROLL102.
        var planIds = new ConcurrentBag<PlanIdUse>();
        start.RegisterSyntaxNodeAction(node => AnalyzeMethod(node, specAttribute, planIds), SyntaxKind.MethodDeclaration);
        start.RegisterCompilationEndAction(end => ReportDuplicateIds(end, planIds));
    }

    private static void AnalyzeMethod(SyntaxNodeAnalysisContext context, INamedTypeSymbol specAttribute, ConcurrentBag<PlanIdUse> planIds)
    {
        var declaration = (MethodDeclarationSyntax)context.Node;
        // Cheap syntactic filter: a spec has an attribute here, or is a partial whose other half has it.
        if (declaration.AttributeLists.Count == 0 && !declaration.Modifiers.Any(SyntaxKind.PartialKeyword)) return;
        if (context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } method) return;
        if (!IsSpec(method, specAttribute)) return;
        // A partial method is read once, from the part with the body, whichever half carries the attribute.
        if (method.PartialImplementationPart is not null) return;

        try
        {
            Check(context, method, declaration, planIds);
        }
        catch (Exception exception)
        {
            // Fail closed: an analyzer that throws is switched off with only a warning (AD0001).
            HostFailure.RethrowIfCancellation(exception);
            context.ReportDiagnostic(Diagnostic.Create(HostFailure.Descriptor, declaration.Identifier.GetLocation(),
                HostFailure.Message(method.Name, "checked", exception)));
        }
    }

    private static bool IsSpec(IMethodSymbol method, INamedTypeSymbol specAttribute)
    {
        if (HasAttribute(method, specAttribute)) return true;
        return method.PartialDefinitionPart is { } definition && HasAttribute(definition, specAttribute);
    }

    private static bool HasAttribute(IMethodSymbol method, INamedTypeSymbol attribute) =>
        method.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute));

    private static void Check(SyntaxNodeAnalysisContext context, IMethodSymbol method, MethodDeclarationSyntax declaration, ConcurrentBag<PlanIdUse> planIds)
    {
        var reading = SpecReader.Read(method, declaration, context.SemanticModel, context.CancellationToken);

        foreach (var problem in reading.Problems)
        {
            var descriptor = problem.Kind switch
            {
                ReadProblemKind.SpecShape => RolloutDescriptors.SpecShape,
                ReadProblemKind.Failure => RolloutDescriptors.CouldNotCheck,
                _ => RolloutDescriptors.NotEvaluable,
            };
            context.ReportDiagnostic(Diagnostic.Create(descriptor, problem.Location, problem.Message));
        }

        if (reading.Plan is { } plan)
        {
            foreach (var finding in RuleCatalog.Evaluate(plan))
            {
                if (RolloutDescriptors.ForCatalog.TryGetValue(finding.RuleId, out var descriptor))
                {
                    context.ReportDiagnostic(Diagnostic.Create(descriptor, reading.LocationOf(finding.At), finding.Message));
                }
                else
                {
                    // Fail closed: a finding the analyzer cannot name is a failure of RolloutDsl, never a dropped finding.
                    context.ReportDiagnostic(Diagnostic.Create(RolloutDescriptors.CouldNotCheck, declaration.Identifier.GetLocation(),
                        HostFailure.Message(method.Name, "checked", new InvalidOperationException(
                            "rule " + finding.RuleId + " is not in the rule catalog, so it has no diagnostic: " + finding.Message))));
                }
            }
        }

        if (ReadingCrossCheck.Disagreement(method, declaration, context.SemanticModel, reading, context.Options, context.CancellationToken) is { } disagreement)
        {
            context.ReportDiagnostic(Diagnostic.Create(RolloutDescriptors.ReadingsDisagree, declaration.Identifier.GetLocation(), disagreement));
        }

        if (PlanIdOf(reading, context) is { } id && reading.PathLocations.TryGetValue(PlanPath.Plan.Id, out var idLocation))
        {
            planIds.Add(new PlanIdUse(id, method.ToDisplayString(SpecNameFormat), idLocation));
        }
    }

    /// <summary>The plan id: from the plan, or (when some other part could not be read) from a constant id argument.</summary>
    private static string? PlanIdOf(SpecReading reading, SyntaxNodeAnalysisContext context)
    {
        if (reading.Plan is { } plan) return plan.Id;
        if (!reading.PathLocations.TryGetValue(PlanPath.Plan.Id, out var location) || location.SourceTree != context.Node.SyntaxTree) return null;
        var node = context.Node.FindNode(location.SourceSpan, getInnermostNodeForTie: true);
        if (node is ArgumentSyntax argument) node = argument.Expression;
        return context.SemanticModel.GetConstantValue(node, context.CancellationToken) is { HasValue: true, Value: string id } ? id : null;
    }

    /// <summary>Type and method (<c>NewCheckoutFlow.Plan</c>): specs are often all named <c>Plan()</c>.</summary>
    private static readonly SymbolDisplayFormat SpecNameFormat = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypes,
        memberOptions: SymbolDisplayMemberOptions.IncludeContainingType);

    private static void ReportDuplicateIds(CompilationAnalysisContext context, ConcurrentBag<PlanIdUse> planIds)
    {
        foreach (var group in planIds.GroupBy(use => use.Id, System.StringComparer.Ordinal))
        {
            if (group.Count() < 2) continue;
            var uses = group.OrderBy(u => u.Location.SourceTree?.FilePath, System.StringComparer.Ordinal)
                .ThenBy(u => u.Location.SourceSpan.Start)
                .ToList();
            foreach (var use in uses)
            {
                var others = string.Join(", ", uses.Where(u => !ReferenceEquals(u, use)).Select(Describe));
                var message = "Plan id '" + use.Id + "' of spec '" + use.SpecName + "' is also used by " + others
                    + "; plan ids name the runbook and JSON files, so each must be unique in the project. Give one of them another id, e.g. \"" + use.Id + "-2\".";
                context.ReportDiagnostic(Diagnostic.Create(RolloutDescriptors.DuplicatePlanId, use.Location, message));
            }
        }
    }

    private static string Describe(PlanIdUse use)
    {
        var span = use.Location.GetLineSpan();
        return "spec '" + use.SpecName + "' (" + System.IO.Path.GetFileName(span.Path) + ":" + (span.StartLinePosition.Line + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) + ")";
    }

    private sealed record PlanIdUse(string Id, string SpecName, Location Location);
}
