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
public sealed record StopLoss(Condition When, StopLossAction Action);
