using Microsoft.CodeAnalysis.Text;
using Rollout.Dsl;

namespace Rollout.Generators;

// The generator's cache contract (the one place it is written down).
//
// Pipeline: attributed methods whose attribute may be [RolloutSpec] (syntax only, SpecCandidates) -> SpecInput ("RolloutSpecInputs")
//           -> (SpecInput, CompilationHandle) compared by InputComparer -> EvaluatedSpec ("RolloutSpecs"; a candidate that is
//           no spec is dropped here) -> RenderedPlan ("RenderedPlans") -> Collect + "is the DSL referenced" ("Outputs") -> sources.
// 1. Every value a step outputs (SpecInput, EvaluatedSpec, RenderedPlan, SpecPlace) is an internal record of plain
//    values: strings, numbers, TextSpan/LinePositionSpan, and the DSL's RolloutPlan, whose lists are
//    EquatableList<T> (element-wise equality; elements are records or enums). No ISymbol, SyntaxNode,
//    SemanticModel, Compilation or Location is ever stored in them: those would keep a compilation alive and are
//    never equal across runs, so every step after them would re-run on every keystroke.
// 2. Equal output => every later step is Cached/Unchanged. A spec is read again only when its SpecInput changed
//    (its file, the declarations it may bind to, the build environment); an edit elsewhere costs one comparison.
// 3. The one exception is CompilationHandle: the read step needs this run's compilation to bind the spec, so the
//    input is paired with a handle that holds the compilation weakly and is never compared (InputComparer looks
//    at the SpecInput alone). That is safe because the step body only runs when the SpecInput changed, and then the
//    handle is the current run's; a cached entry keeps no compilation alive.
// 4. Before the tracked steps, the candidates step (SpecCandidates) carries each candidate method's syntax node, as Roslyn's
//    own syntax providers do: an unchanged tree hands the next run the same node, and the node is turned into a SpecInput
//    in the same run; nothing after "RolloutSpecInputs" holds it.
// 5. A new model type or field keeps 1-4 true; tests/Rollout.Generators.Tests/Infrastructure/IncrementalCache.cs checks
//    it on every generator test: a second run on a cloned compilation is Cached/Unchanged at every tracked step with
//    equal outputs, and no step output holds one of the compiler types above in any field, however deep.

/// <summary>
/// A spec after static reading. Value-equal: holds no symbols, syntax or locations.
/// <paramref name="Failure"/> is the generator's own failure on it (ROLL103); reading problems are the analyzers' to report.
/// </summary>
internal sealed record EvaluatedSpec(string SpecName, string HintName, RolloutPlan? Plan, SpecPlace Place, string? Failure)
{
    /// <summary>False for a candidate whose attribute turned out not to be <c>[RolloutSpec]</c> (see <see cref="SpecCandidates"/>): it is dropped.</summary>
    public bool IsSpec { get; init; } = true;

    public static EvaluatedSpec NotASpec(SpecInput input) => new(input.MethodName, "", null, input.Place, null) { IsSpec = false };
}

/// <summary>
/// A spec as the build sees it: the C# source that embeds its runbook and JSON, or no source when it
/// could not be read (<paramref name="Failure"/> null: the analyzers say why) or rendered (<paramref name="Failure"/> set).
/// </summary>
internal sealed record RenderedPlan(string SpecName, string? PlanId, string HintName, string? Source, SpecPlace Place, string? Failure);

/// <summary>Where a spec method's name is written, as plain values, to place a ROLL103 the generator reports.</summary>
internal sealed record SpecPlace(string FilePath, TextSpan Span, LinePositionSpan Lines);
