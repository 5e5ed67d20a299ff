using System.Globalization;
using System.Text;

namespace Rollout.Dsl.Text;

/// <summary>JSON string literals that stay valid UTF-8 and inert when pasted into HTML or JavaScript.</summary>
internal static class JsonText
{
    /// <summary>The quoted, escaped JSON form of <paramref name="value"/>.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2);
        AppendQuoted(text, value);
        return text.ToString();
    }

    public static void AppendQuoted(StringBuilder text, string value)
    {
        text.Append('"');
        // Runs of characters written as they are go in one append: a build renders every plan's JSON in code that is
        // not yet optimized (a fresh compiler process jits it at tier 0), where a call per character was the costliest
        // loop of the generator (docs/performance.md).
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (IsWrittenAsIs(value[i])) continue;
            text.Append(value, start, i - start);
            AppendSpecial(text, value, i);
            start = i + 1;
        }
        text.Append(value, start, value.Length - start);
        text.Append('"');
    }

    /// <summary>Printable ASCII but the quote, backslash and the HTML-sensitive three, and everything above U+009F but surrogates and U+2028/9.</summary>
    private static bool IsWrittenAsIs(char c) =>
        c >= 0x20 && c < 0x7F ? c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
        : c > 0x9F && (c < 0xD800 || c > 0xDFFF) && c != '\u2028' && c != '\u2029';

    /// <summary>Writes <paramref name="value"/>[<paramref name="i"/>], a character <see cref="IsWrittenAsIs"/> refuses.</summary>
    private static void AppendSpecial(StringBuilder text, string value, int i)
    {
        var c = value[i];
        switch (c)
        {
            case '"': text.Append("\\\""); break;
            case '\\': text.Append("\\\\"); break;
            case '\n': text.Append("\\n"); break;
            // Line breaks are written as \n whatever the spec file's line endings were (CRLF, CR),
            // so a checkout with other line-ending settings produces the same plan.
            case '\r':
                if (i + 1 >= value.Length || value[i + 1] != '\n') text.Append("\\n");
                break;
            case '\t': text.Append("\\t"); break;
            case '\b': text.Append("\\b"); break;
            case '\f': text.Append("\\f"); break;
            // <, > and & keep "</script>" and "<!--" inert in HTML; U+2028/9 end lines in older JavaScript.
            case '<':
            case '>':
            case '&':
            case '\u2028':
            case '\u2029':
                AppendEscape(text, c);
                break;
            default:
                if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) AppendEscape(text, c);
                else if (UnicodeText.IsLoneSurrogate(value, i)) AppendEscape(text, UnicodeText.Replacement);
                else text.Append(c);
                break;
        }
    }

    private static void AppendEscape(StringBuilder text, char c) =>
        text.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
}
