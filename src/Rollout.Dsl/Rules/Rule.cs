using System;
using System.Collections.Generic;

namespace Rollout.Dsl.Rules;

/// <summary>A readiness rule: an id, a default severity, a one-line title and a pure check over the plan.</summary>
public sealed class Rule
{
    private readonly Func<RolloutPlan, IEnumerable<(string Message, PlanPath Path)>> _check;

    internal Rule(string id, RuleSeverity severity, string title, Func<RolloutPlan, IEnumerable<(string Message, PlanPath Path)>> check)
    {
        Id = id;
        DefaultSeverity = severity;
        Title = title;
        _check = check;
    }

    public string Id { get; }

    public RuleSeverity DefaultSeverity { get; }

    /// <summary>What the rule demands, e.g. "A plan defines a stop-loss threshold".</summary>
    public string Title { get; }

    public IEnumerable<Finding> Check(RolloutPlan plan)
    {
        foreach (var (message, path) in _check(plan))
        {
            yield return new Finding { RuleId = Id, Severity = DefaultSeverity, Message = message, Path = path.ToString() };
        }
    }
}
