using System.Text;

namespace Rollout.Cli.Plans;

/// <summary>JSON locations in the notation rule findings use: stages[1].observe, authority.announce.</summary>
public static class PlanPaths
{
    /// <summary>"/stages/1/observe" (a JSON pointer) as "stages[1].observe".</summary>
    public static string FromPointer(string pointer)
    {
        var text = new StringBuilder();
        foreach (var raw in pointer.Split('/'))
        {
            if (raw.Length == 0) continue;
            var part = raw.Replace("~1", "/").Replace("~0", "~");
            if (IsIndex(part)) text.Append('[').Append(part).Append(']');
            else text.Append(text.Length == 0 ? "" : ".").Append(part);
        }
        return text.ToString();
    }

    private static bool IsIndex(string part)
    {
        if (part.Length == 0) return false;
        foreach (var c in part)
        {
            if (c is < '0' or > '9') return false;
        }
        return true;
    }
}
