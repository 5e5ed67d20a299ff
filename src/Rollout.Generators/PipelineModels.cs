using Microsoft.CodeAnalysis.Text;
using Rollout.Dsl;

namespace Rollout.Generators;

/// <summary>
/// A spec after static reading. Value-equal: holds no symbols, syntax or locations.
/// <paramref name="Failure"/> is the generator's own failure on it (ROLL103); reading problems are the analyzers' to report.
/// </summary>
internal sealed record EvaluatedSpec(string SpecName, string HintName, RolloutPlan? Plan, SpecPlace Place, string? Failure);

/// <summary>
/// A spec as the build sees it: the C# source that embeds its runbook and JSON, or no source when it
/// could not be read (<paramref name="Failure"/> null: the analyzers say why) or rendered (<paramref name="Failure"/> set).
/// </summary>
internal sealed record RenderedPlan(string SpecName, string? PlanId, string HintName, string? Source, SpecPlace Place, string? Failure);

/// <summary>Where a spec method's name is written, as plain values, to place a ROLL103 the generator reports.</summary>
internal sealed record SpecPlace(string FilePath, TextSpan Span, LinePositionSpan Lines);
