using System.Collections.Generic;
using Rollout.Dsl;

namespace Rollout.Cli.Diff;

/// <summary>Role lists of the authority matrix.</summary>
internal static class Roles
{
    /// <summary>A role that loses a right narrows authority (riskier); a role that gains it widens it (safer).</summary>
    public static void Compare(ChangeList changes, string path, IEnumerable<Role> old, IEnumerable<Role> now, string right,
        Risk whenAdded = Risk.Safer)
    {
        foreach (var (name, before, after) in Keyed.Match(old, now, role => role.Name))
        {
            if ((before is null) == (after is null)) continue;
            var risk = after is not null ? whenAdded : ChangeList.Mirror(whenAdded);
            var verb = after is not null ? " now " : " no longer ";
            changes.Add(risk, path + "[" + name + "]", "'" + name + "'" + verb + right);
        }
    }
}
