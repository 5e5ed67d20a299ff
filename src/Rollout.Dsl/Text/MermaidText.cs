using System.Globalization;
using System.Text;

namespace Rollout.Dsl.Text;

/// <summary>Text for the inside of a quoted Mermaid label: nothing in it can end the label or form markup.</summary>
internal static class MermaidText
{
    /// <summary>
    /// <paramref name="text"/> on one line with every character Mermaid or HTML could read as syntax
    /// written as a Mermaid entity code (<c>#quot;</c>, <c>#35;</c> …). Put the result between double quotes.
    /// </summary>
    public static string Label(string? text)
    {
        var label = new StringBuilder((text?.Length ?? 0) + 8);
        AppendLabel(label, text);
        return label.ToString();
    }

    /// <summary>Appends <see cref="Label"/> of <paramref name="text"/> to <paramref name="label"/>.</summary>
    public static void AppendLabel(StringBuilder label, string? text)
    {
        foreach (var c in MarkdownText.OneLine(text))
        {
            if (c == '"') label.Append("#quot;");
            else if (c < 0x80 && !char.IsLetterOrDigit(c) && !IsPlainPunctuation(c)) label.Append('#').Append(((int)c).ToString(CultureInfo.InvariantCulture)).Append(';');
            else label.Append(c);
        }
    }

    private static bool IsPlainPunctuation(char c) => c switch
    {
        ' ' or '.' or ',' or '-' or '_' or ':' or '/' or '\'' or '+' or '=' or '@' or '!' or '?' or '(' or ')' => true,
        _ => false,
    };
}
