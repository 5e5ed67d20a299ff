using System.Text.RegularExpressions;

namespace Rollout.Dsl;

/// <summary>
/// What a plan id may be: it becomes a file name and a key, so lower-case letters, digits and dashes only.
/// Also compiled into the build task, which re-checks every id before it names a file after it.
/// </summary>
public static class PlanId
{
    public const string Pattern = "^[a-z0-9][a-z0-9-]*\\z";

    public const int MaxLength = 100;

    private static readonly Regex Regex = new(Pattern, RegexOptions.CultureInvariant);

    public static bool IsValid(string? id) => id is not null && id.Length <= MaxLength && Regex.IsMatch(id);

    /// <summary>The nearest valid id: lower case, any other character a single dash, no leading or trailing dash; null if nothing is left.</summary>
    public static string? Suggest(string id)
    {
        var text = new System.Text.StringBuilder();
        foreach (var character in id.ToLowerInvariant())
        {
            var keep = character is (>= 'a' and <= 'z') or (>= '0' and <= '9');
            if (keep) text.Append(character);
            else if (text.Length > 0 && text[text.Length - 1] != '-') text.Append('-');
        }
        var suggestion = text.ToString().TrimEnd('-');
        if (suggestion.Length > MaxLength) suggestion = suggestion.Substring(0, MaxLength).TrimEnd('-');
        return IsValid(suggestion) ? suggestion : null;
    }
}
