namespace Rollout.Dsl;

/// <summary>What happens, without debate, when a stop-loss threshold is crossed.</summary>
public enum StopLossAction
{
    /// <summary>Roll back automatically.</summary>
    Rollback,
    /// <summary>Halt the rollout where it is and page the owner.</summary>
    Halt,
}

/// <summary>A threshold and its predetermined action.</summary>
public sealed record StopLoss
{
    /// <summary>The threshold: the stop-loss is crossed once this condition holds.</summary>
    public required Condition When { get; init; }

    public required StopLossAction Action { get; init; }
}
