namespace Rollout.Semantics;

/// <summary>
/// A trace event's name where machines read it (the simulation timeline, the run's audit log, the console of
/// <c>rollout run</c>): the kind in camelCase, stageStarted, rollBack, …
/// </summary>
public static class EventNames
{
    /// <summary>The name of <paramref name="kind"/>, e.g. <c>stageStarted</c> for <see cref="TraceEventKind.StageStarted"/>.</summary>
    public static string Of(TraceEventKind kind)
    {
        var name = kind.ToString();
        return char.ToLowerInvariant(name[0]) + name.Substring(1);
    }
}
