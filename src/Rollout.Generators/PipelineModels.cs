using Rollout.Dsl;

namespace Rollout.Generators;

/// <summary>A spec after static reading. Value-equal: holds no symbols, syntax or locations.</summary>
internal sealed record EvaluatedSpec(string SpecName, string HintName, RolloutPlan? Plan);

/// <summary>A plan rendered for the build: the C# source that embeds its runbook and JSON.</summary>
internal sealed record RenderedPlan(string PlanId, string HintName, string Source);
