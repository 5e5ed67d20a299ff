using System.Collections.Generic;
using System.Linq;
using Rollout.Dsl.Rules;

namespace Rollout.Dsl.Rendering;

/// <summary>One readiness rule and what it found in a plan; passes when it found nothing.</summary>
internal sealed class RuleResult
{
    public RuleResult(Rule rule, IReadOnlyList<Finding> findings)
    {
        Rule = rule;
        Findings = findings;
    }

    public Rule Rule { get; }

    public IReadOnlyList<Finding> Findings { get; }

    public bool Passes => Findings.Count == 0;
}

/// <summary>The readiness checklist of a plan: every rule of <see cref="RuleCatalog.All"/>, in catalog order.</summary>
internal static class Readiness
{
    public static IReadOnlyList<RuleResult> Check(RolloutPlan plan) =>
        RuleCatalog.All.Select(rule => new RuleResult(rule, rule.Check(plan).ToList())).ToList();
}
