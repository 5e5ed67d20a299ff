using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Rollout.Dsl.Rules;

namespace Rollout.Analyzers;

/// <summary>
/// One descriptor per rule of <see cref="RuleCatalog"/>, made from the catalog, plus the compile-time-only rules
/// (ROLL100-104), whose ids are constants here so release tracking (RS2008) checks them.
/// </summary>
public static class RolloutDescriptors
{
    public const string Category = "RolloutReadiness";

    public const string NotEvaluableId = "ROLL100";
    public const string SpecShapeId = "ROLL101";
    public const string DuplicatePlanIdId = "ROLL102";
    public const string CouldNotCheckId = Reading.HostFailure.Id;
    public const string ReadingsDisagreeId = "ROLL104";

    private const string HelpBase = "https://github.com/rolloutdsl/rolloutdsl/blob/main/docs/rules/";

    /// <summary>Every finding's message names the plan (and stage) and says what to write; it is the whole diagnostic message.</summary>
    private const string MessageFormat = "{0}";

    /// <summary>ROLL100: a value or call the build cannot evaluate without running user code.</summary>
    public static readonly DiagnosticDescriptor NotEvaluable = new(NotEvaluableId,
        "A spec's values can be read at build time", MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "The build reads a spec from the compiler's semantic model and never runs user code, so every value in it must be a literal, a const, an enum member, nameof, TimeSpan.FromX(constant) or a DSL call.",
        helpLinkUri: HelpBase + NotEvaluableId + ".md");

    /// <summary>ROLL101: a [RolloutSpec] method that is not static, parameterless and returning RolloutPlan.</summary>
    public static readonly DiagnosticDescriptor SpecShape = new(SpecShapeId,
        "A [RolloutSpec] method is static, parameterless and returns RolloutPlan", MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "A spec is read at build time and called at run time without an instance or arguments.",
        helpLinkUri: HelpBase + SpecShapeId + ".md");

    /// <summary>ROLL102: two specs of one compilation share a plan id (and so would share artifact files).</summary>
    public static readonly DiagnosticDescriptor DuplicatePlanId = new(DuplicatePlanIdId,
        "Every plan id is unique in the compilation", MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "A plan id names the runbook and JSON files the build writes; two plans with one id would overwrite each other.",
        helpLinkUri: HelpBase + DuplicatePlanIdId + ".md",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>ROLL103: reading or checking a spec failed unexpectedly; shared with the generator, which reports its rendering failures.</summary>
    public static DiagnosticDescriptor CouldNotCheck => Reading.HostFailure.Descriptor;

    /// <summary>ROLL104: the syntactic reading the generator embeds differs from the compiler's bound body (fail closed).</summary>
    public static readonly DiagnosticDescriptor ReadingsDisagree = new(ReadingsDisagreeId,
        "A spec reads the same from its syntax as from its bound body", MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
        description: "The generator reads specs from their syntax without binding them, and the analyzer checks that reading against the compiler's bound body. A difference is a RolloutDsl bug; the plan is treated as not ready, so a wrong runbook never ships.",
        helpLinkUri: HelpBase + ReadingsDisagreeId + ".md");

    /// <summary>
    /// The descriptors of the catalog rules, by id: made from <see cref="RuleCatalog.All"/>, so a new rule needs no
    /// entry here. Release tracking cannot read these ids (they are not constants); DescriptorTests fails, naming
    /// the rule, when AnalyzerReleases.Unshipped.md, the docs page or the docs index lacks one.
    /// </summary>
    public static IReadOnlyDictionary<string, DiagnosticDescriptor> ForCatalog { get; } =
        RuleCatalog.All.ToDictionary(rule => rule.Id, For, System.StringComparer.Ordinal);

    public static ImmutableArray<DiagnosticDescriptor> All { get; } =
        ForCatalog.Values.OrderBy(d => d.Id, System.StringComparer.Ordinal)
            .Concat(new[] { NotEvaluable, SpecShape, DuplicatePlanId, CouldNotCheck, ReadingsDisagree })
            .ToImmutableArray();

#pragma warning disable RS1017 // The id is the catalog's; DescriptorTests keeps release tracking and docs in step with it.
    private static DiagnosticDescriptor For(Rule rule) => new(rule.Id, rule.Title, MessageFormat, Category,
        rule.DefaultSeverity == RuleSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        isEnabledByDefault: true, helpLinkUri: HelpBase + rule.Id + ".md");
#pragma warning restore RS1017
}
