namespace Rollout.Dsl;

/// <summary>Where a plan was written: the spec method and its file name (never a full path).</summary>
public sealed record SpecSource
{
    /// <summary>The spec method's name.</summary>
    public required string Member { get; init; }

    /// <summary>The spec's file name, without its folder.</summary>
    public required string File { get; init; }
}
