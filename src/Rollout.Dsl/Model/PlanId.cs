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
}
