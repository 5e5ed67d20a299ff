using System.Globalization;
using System.Text;

namespace Rollout.Generators;

/// <summary>
/// A C# regular string literal ("...") of any string, written straight into the generated source: the same
/// characters <c>SymbolDisplay.FormatLiteral(value, quote: true)</c> gives (<c>CSharpStringLiteralTests</c> holds the
/// two equal), without its intermediate string and its builder's growth, which were half the cost of rendering a
/// plan (docs/performance.md). Quotes and backslashes escaped, the C# control escapes (\0 \a \b \f \n \r \t \v), and
/// \uXXXX for other control characters, line and paragraph separators, unassigned code points and lone surrogates;
/// a surrogate pair of an unassigned code point as \UXXXXXXXX. Everything else is copied as it is.
/// </summary>
internal static class CSharpStringLiteral
{
    public static StringBuilder Append(StringBuilder builder, string value)
    {
        builder.Append('"');
        var copied = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            // Printable ASCII but the two characters a literal escapes: the common case, copied in runs.
            if (c >= ' ' && c < '\u007f' && c != '"' && c != '\\') continue;
            if (i > copied) builder.Append(value, copied, i - copied);
            i = AppendSpecial(builder, value, i);
            copied = i + 1;
        }
        if (value.Length > copied) builder.Append(value, copied, value.Length - copied);
        return builder.Append('"');
    }

    /// <summary>Writes the character at <paramref name="i"/> (with its low surrogate, if it is a pair); returns the index of the last character written.</summary>
    private static int AppendSpecial(StringBuilder builder, string value, int i)
    {
        var c = value[i];
        switch (c)
        {
            case '"': builder.Append("\\\""); return i;
            case '\\': builder.Append("\\\\"); return i;
            case '\0': builder.Append("\\0"); return i;
            case '\a': builder.Append("\\a"); return i;
            case '\b': builder.Append("\\b"); return i;
            case '\f': builder.Append("\\f"); return i;
            case '\n': builder.Append("\\n"); return i;
            case '\r': builder.Append("\\r"); return i;
            case '\t': builder.Append("\\t"); return i;
            case '\v': builder.Append("\\v"); return i;
        }
        if (char.IsSurrogate(c))
        {
            // A pair has the category of its code point; a lone surrogate stays "Surrogate".
            var category = CharUnicodeInfo.GetUnicodeCategory(value, i);
            if (category == UnicodeCategory.Surrogate)
            {
                builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                return i;
            }
            if (NeedsEscaping(category))
            {
                builder.Append("\\U").Append(char.ConvertToUtf32(value, i).ToString("x8", CultureInfo.InvariantCulture));
                return i + 1;
            }
            builder.Append(c).Append(value[i + 1]);
            return i + 1;
        }
        if (NeedsEscaping(CharUnicodeInfo.GetUnicodeCategory(c)))
        {
            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            return i;
        }
        builder.Append(c);
        return i;
    }

    private static bool NeedsEscaping(UnicodeCategory category) =>
        category is UnicodeCategory.Control or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate;
}
