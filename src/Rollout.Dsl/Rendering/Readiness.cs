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

/// <summary>
/// The readiness checklist of a plan: every rule of <see cref="RuleCatalog.All"/>, in catalog order, with the
/// findings the host got from <see cref="RuleCatalog.Evaluate"/>. Renderers never run the rules themselves:
/// a host runs them once and shows the same findings in its diagnostics, the runbook and the JSON plan.
/// </summary>
internal static class Readiness
{
    public static IReadOnlyList<RuleResult> Of(IReadOnlyList<Finding> findings)
    {
        if (findings is null) throw new System.ArgumentNullException(nameof(findings));
        return RuleCatalog.All.Select(rule => new RuleResult(rule, findings.Where(f => f.RuleId == rule.Id).ToList())).ToList();
    }
}
