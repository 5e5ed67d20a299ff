namespace Rollout.Dsl;

/// <summary>After this stage or moment, forward repair (not rollback) is the documented default.</summary>
public sealed record PointOfNoReturn
{
    /// <summary>The stage after whose start rollback stops being the default.</summary>
    public string? AfterStage { get; init; }

    /// <summary>A moment in words, e.g. "the backfill has rewritten more than 10 % of contacts".</summary>
    public string? Moment { get; init; }

    /// <summary>The documented forward-repair path.</summary>
    public string? ForwardFix { get; init; }

    /// <summary>Who carries out the forward repair.</summary>
    public string? Owner { get; init; }
}
