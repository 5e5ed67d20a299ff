namespace Rollout.Dsl;

/// <summary>Where a plan was written: the spec method and its file name (never a full path).</summary>
public sealed record SpecSource(string Member, string File);
