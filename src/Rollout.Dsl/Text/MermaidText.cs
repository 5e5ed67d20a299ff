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
        var line = MarkdownText.OneLine(text);
        var label = new StringBuilder(line.Length + 8);
        foreach (var c in line)
        {
            if (c == '"') label.Append("#quot;");
            else if (c < 0x80 && !char.IsLetterOrDigit(c) && !IsPlainPunctuation(c)) label.Append('#').Append(((int)c).ToString(CultureInfo.InvariantCulture)).Append(';');
            else label.Append(c);
        }
        return label.ToString();
    }

    private static bool IsPlainPunctuation(char c) => c switch
    {
        ' ' or '.' or ',' or '-' or '_' or ':' or '/' or '\'' or '+' or '=' or '@' or '!' or '?' or '(' or ')' => true,
        _ => false,
    };
}
