using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Rollout.Dsl.Rules;

namespace Rollout.Analyzers;

/// <summary>
/// One descriptor per rule of <see cref="RuleCatalog"/> plus the compile-time-only rules.
/// Ids and severities are constants here because release tracking (RS2008) reads them statically;
/// titles come from the catalog, and a test keeps ids and severities equal to the catalog's.
/// </summary>
public static class RolloutDescriptors
{
    public const string Category = "RolloutReadiness";

    public const string NotEvaluableId = "ROLL100";
    public const string SpecShapeId = "ROLL101";
    public const string DuplicatePlanIdId = "ROLL102";
    public const string CouldNotCheckId = Reading.HostFailure.Id;

    private const string HelpBase = "https://github.com/rolloutdsl/rolloutdsl/blob/main/docs/rules/";

    /// <summary>Every finding's message names the plan (and stage) and says what to write; it is the whole diagnostic message.</summary>
    private const string MessageFormat = "{0}";

    public static readonly DiagnosticDescriptor StopLossRequired = new("ROLL001", Title("ROLL001"), MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "ROLL001.md");
    public static readonly DiagnosticDescriptor RollbackRequired = new("ROLL002", Title("ROLL002"), MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "ROLL002.md");
    public static readonly DiagnosticDescriptor AuthorityRequired = new("ROLL003", Title("ROLL003"), MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "ROLL003.md");
    public static readonly DiagnosticDescriptor StagesRequired = new("ROLL004", Title("ROLL004"), MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "ROLL004.md");
    public static readonly DiagnosticDescriptor ObservationWindowRequired = new("ROLL005", Title("ROLL005"), MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "ROLL005.md");
    public static readonly DiagnosticDescriptor AdvanceConditionRequired = new("ROLL006", Title("ROLL006"), MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "ROLL006.md");
    public static readonly DiagnosticDescriptor TrafficInRange = new("ROLL007", Title("ROLL007"), MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "ROLL007.md");
    public static readonly DiagnosticDescriptor TrafficIncreasing = new("ROLL008", Title("ROLL008"), MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "ROLL008.md");
    public static readonly DiagnosticDescriptor LastStageFull = new("ROLL009", Title("ROLL009"), MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "ROLL009.md");
    public static readonly DiagnosticDescriptor StopLossConsistentWithGates = new("ROLL010", Title("ROLL010"), MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "ROLL010.md");
    public static readonly DiagnosticDescriptor PointOfNoReturnRequired = new("ROLL011", Title("ROLL011"), MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "ROLL011.md");
    public static readonly DiagnosticDescriptor DataRepairComplete = new("ROLL012", Title("ROLL012"), MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "ROLL012.md");
    public static readonly DiagnosticDescriptor RepairPathRequired = new("ROLL013", Title("ROLL013"), MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "ROLL013.md");
    public static readonly DiagnosticDescriptor NoSignOff = new("ROLL014", Title("ROLL014"), MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "ROLL014.md");
    public static readonly DiagnosticDescriptor AnnouncementRequired = new("ROLL015", Title("ROLL015"), MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "ROLL015.md");
    public static readonly DiagnosticDescriptor PlanIdValid = new("ROLL016", Title("ROLL016"), MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "ROLL016.md");
    public static readonly DiagnosticDescriptor StageNamesUnique = new("ROLL017", Title("ROLL017"), MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "ROLL017.md");
    public static readonly DiagnosticDescriptor PointOfNoReturnStageKnown = new("ROLL018", Title("ROLL018"), MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "ROLL018.md");
    public static readonly DiagnosticDescriptor OwnerRequired = new("ROLL019", Title("ROLL019"), MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "ROLL019.md");
    public static readonly DiagnosticDescriptor CodeRollbackNeedsSchemaStep = new("ROLL020", Title("ROLL020"), MessageFormat, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "ROLL020.md");
    public static readonly DiagnosticDescriptor StopLossTriggerAllowed = new("ROLL021", Title("ROLL021"), MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "ROLL021.md");
    public static readonly DiagnosticDescriptor NumbersMeanSomething = new("ROLL022", Title("ROLL022"), MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "ROLL022.md");
    public static readonly DiagnosticDescriptor ChoicesDefined = new("ROLL023", Title("ROLL023"), MessageFormat, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + "ROLL023.md");
    public static readonly DiagnosticDescriptor MetricsMeasured = new("ROLL024", Title("ROLL024"), MessageFormat, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + "ROLL024.md");

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

    /// <summary>The descriptors of the catalog rules, by id.</summary>
    public static IReadOnlyDictionary<string, DiagnosticDescriptor> ForCatalog { get; } = new[]
    {
        StopLossRequired, RollbackRequired, AuthorityRequired, StagesRequired, ObservationWindowRequired,
        AdvanceConditionRequired, TrafficInRange, TrafficIncreasing, LastStageFull, StopLossConsistentWithGates,
        PointOfNoReturnRequired, DataRepairComplete, RepairPathRequired, NoSignOff, AnnouncementRequired,
        PlanIdValid, StageNamesUnique, PointOfNoReturnStageKnown, OwnerRequired, CodeRollbackNeedsSchemaStep,
        StopLossTriggerAllowed, NumbersMeanSomething, ChoicesDefined, MetricsMeasured,
    }.ToDictionary(d => d.Id);

    public static ImmutableArray<DiagnosticDescriptor> All { get; } =
        ForCatalog.Values.OrderBy(d => d.Id, System.StringComparer.Ordinal)
            .Concat(new[] { NotEvaluable, SpecShape, DuplicatePlanId, CouldNotCheck })
            .ToImmutableArray();

    private static string Title(string id)
    {
        foreach (var rule in RuleCatalog.All)
        {
            if (rule.Id == id) return rule.Title;
        }
        return id;
    }
}
