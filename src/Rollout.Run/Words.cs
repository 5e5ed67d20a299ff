using Rollout.Semantics;

namespace Rollout.Run;

/// <summary>A decision's name in the audit log and on the console: the event kind in camelCase (stageStarted, rollBack, …).</summary>
public static class Words
{
    public static string Of(TraceEventKind kind)
    {
        var name = kind.ToString();
        return char.ToLowerInvariant(name[0]) + name.Substring(1);
    }
}
