using System.Text;

namespace Rollout.Dsl.Text;

/// <summary>
/// Which characters free text in a plan may not hold (rule ROLL025), said once for the rule and its code fix:
/// control characters (C0, DEL, C1: line breaks, tabs, escapes), the line and paragraph separators, and the
/// bidirectional embeddings, overrides and isolates that make text display other than it reads.
/// </summary>
internal static class FreeText
{
    public static bool IsForbidden(char c) =>
        char.IsControl(c)
        || c == '\u2028' || c == '\u2029'
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069');

    public static bool HasForbidden(string text)
    {
        foreach (var c in text)
        {
            if (IsForbidden(c)) return true;
        }
        return false;
    }

    /// <summary>
    /// <paramref name="text"/> without the characters <see cref="IsForbidden"/> names: a line break or tab between two
    /// words becomes one space ("internal\nusers" reads "internal users"), every other such character goes.
    /// </summary>
    public static string WithoutForbidden(string text)
    {
        var kept = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (IsForbidden(c))
            {
                space |= char.IsWhiteSpace(c);
                continue;
            }
            if (space && kept.Length > 0 && kept[kept.Length - 1] != ' ' && c != ' ') kept.Append(' ');
            space = false;
            kept.Append(c);
        }
        return kept.ToString();
    }
}
