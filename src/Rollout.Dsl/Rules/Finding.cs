namespace Rollout.Dsl.Rules;

/// <summary>How seriously a rule's finding is taken by default.</summary>
public enum RuleSeverity
{
    Error,
    Warning,
}

/// <summary>One readiness problem: which rule, what is wrong and what to do, and where in the plan.</summary>
public sealed record Finding
{
    /// <summary>The rule, e.g. "ROLL001".</summary>
    public required string RuleId { get; init; }

    public required RuleSeverity Severity { get; init; }

    /// <summary>What is wrong and what to write instead, naming the plan.</summary>
    public required string Message { get; init; }

    public required string Path { get; init; }

    // Path points into the plan's JSON, e.g. "stages[1].observe"; empty for the plan itself. It is PlanPath's
    // text, kept as a string because it is what findings print and serialize.

    /// <summary>The <see cref="Path"/> as a <see cref="PlanPath"/> (the plan itself for a path that is not one).</summary>
    public PlanPath At => PlanPath.TryParse(Path, out var at) ? at : PlanPath.Plan;

    public override string ToString() => RuleId + " (" + (Path.Length == 0 ? "plan" : Path) + "): " + Message;
}
