using System.Text;

namespace Rollout.Dsl.Text;

/// <summary>Repairs UTF-16 that cannot be written as UTF-8.</summary>
internal static class UnicodeText
{
    public const char Replacement = '\uFFFD';

    /// <summary>True when <paramref name="text"/>[<paramref name="index"/>] is half of a surrogate pair with no partner.</summary>
    public static bool IsLoneSurrogate(string text, int index)
    {
        var c = text[index];
        if (char.IsHighSurrogate(c)) return index + 1 >= text.Length || !char.IsLowSurrogate(text[index + 1]);
        if (char.IsLowSurrogate(c)) return index == 0 || !char.IsHighSurrogate(text[index - 1]);
        return false;
    }

    /// <summary>Replaces every lone surrogate with U+FFFD; well-formed text is returned as is.</summary>
    public static string ReplaceLoneSurrogates(string text)
    {
        StringBuilder? repaired = null;
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsLoneSurrogate(text, i)) continue;
            repaired ??= new StringBuilder(text);
            repaired[i] = Replacement;
        }
        return repaired?.ToString() ?? text;
    }
}
