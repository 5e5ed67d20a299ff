namespace Rollout.Export.Flags;

/// <summary>What a flag export writes: flag <paramref name="Flag"/> (null: the plan's config rollback flag) at stage <paramref name="Stage"/>, or the rollback when it is null.</summary>
public sealed record FlagExportRequest(string? Flag, string? Stage);
