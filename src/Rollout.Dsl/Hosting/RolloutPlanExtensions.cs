using System.Collections.Generic;
using Rollout.Dsl.Rendering;
using Rollout.Dsl.Rules;

namespace Rollout.Dsl;

/// <summary>
/// What a service does with a plan at run time: check it and render it. These live in the top layer
/// because the model knows neither the rules nor the renderers; in namespace <c>Rollout.Dsl</c>, so
/// <c>plan.Validate()</c> reads as it always did.
/// </summary>
public static class RolloutPlanExtensions
{
    /// <summary>Runs every readiness rule; an empty list means the plan is ready.</summary>
    public static IReadOnlyList<Finding> Validate(this RolloutPlan plan) => RuleCatalog.Evaluate(plan);

    /// <summary>The machine-readable plan (schemaVersion 1).</summary>
    public static string ToJson(this RolloutPlan plan) => JsonPlanWriter.Write(plan, RuleCatalog.Evaluate(plan));

    /// <summary>The Markdown runbook an on-call engineer reads during the rollout.</summary>
    public static string ToRunbook(this RolloutPlan plan) => MarkdownRunbook.Render(plan, RuleCatalog.Evaluate(plan));
}
