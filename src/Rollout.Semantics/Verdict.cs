namespace Rollout.Semantics;

/// <summary>The outcome of one check.</summary>
public enum Verdict
{
    /// <summary>An advance gate holds.</summary>
    Pass,

    /// <summary>An advance gate does not hold.</summary>
    Fail,

    /// <summary>A stop-loss is not crossed.</summary>
    Clear,

    /// <summary>A stop-loss is crossed.</summary>
    Crossed,

    /// <summary>No usable value (no data, stale, several series, error): never a pass, never clear.</summary>
    NoData,
}
