using System.Text;

namespace Rollout.Dsl.Text;

/// <summary>
/// Turns any user string into inert Markdown text: one line, no HTML, no emphasis, links, code or
/// block syntax, and no cell break inside a table row. Used for every user string in the runbook.
/// </summary>
public static class MarkdownText
{
    /// <summary>The escaped form of <paramref name="text"/>, safe in a paragraph, list item, heading or table cell.</summary>
    public static string Escape(string? text)
    {
        var line = OneLine(text);
        // Most user strings (names, ids) need nothing: they are returned as they are, without a copy.
        StringBuilder? escaped = null;
        var start = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var replacement = Replacement(line, i);
            if (replacement is null) continue;
            escaped ??= new StringBuilder(line.Length + 8);
            escaped.Append(line, start, i - start).Append(replacement);
            start = i + 1;
        }
        return escaped is null ? line : escaped.Append(line, start, line.Length - start).ToString();
    }

    /// <summary>What <paramref name="line"/>[<paramref name="i"/>] is written as, or null when it is written as it is.</summary>
    private static string? Replacement(string line, int i)
    {
        var c = line[i];
        switch (c)
        {
            case '&': return "&amp;";
            case '<': return "&lt;";
            case '>': return "&gt;";
            // An entity, not "\|": the table splitter never sees it, whatever precedes it.
            case '|': return "&#124;";
            case '\\': return "\\\\";
            case '`': return "\\`";
            case '*': return "\\*";
            case '[': return "\\[";
            case ']': return "\\]";
            case '~': return "\\~";
            case '$': return "\\$";
            // Everywhere, not only at the start: a trailing "#" would close an ATX heading.
            case '#': return "\\#";
            case '_':
                // Between two letters or digits "_" can neither open nor close emphasis, so
                // snake_case names stay readable in the raw file.
                return i > 0 && i + 1 < line.Length && char.IsLetterOrDigit(line[i - 1]) && char.IsLetterOrDigit(line[i + 1]) ? null : "\\_";
            case '+': return i == 0 ? "\\+" : null;
            case '-': return i == 0 ? "\\-" : null;
            case '=': return i == 0 ? "\\=" : null;
            case '.': return IsOrderedListMarker(line, i) ? "\\." : null;
            case ')': return IsOrderedListMarker(line, i) ? "\\)" : null;
            default: return null;
        }
    }

    /// <summary>
    /// <paramref name="code"/> as a fenced code block that can be copied as is: line breaks kept (as "\n"),
    /// other control characters as spaces, and a fence longer than any backtick run inside, so nothing in
    /// the code can close the block early.
    /// </summary>
    public static string CodeBlock(string? code, string info)
    {
        var source = UnicodeText.ReplaceLoneSurrogates(code ?? "").Replace("\r\n", "\n").Replace('\r', '\n');
        var body = new StringBuilder(source.Length);
        int run = 0, longest = 0;
        foreach (var c in source)
        {
            run = c == '`' ? run + 1 : 0;
            if (run > longest) longest = run;
            body.Append(c != '\n' && IsBreakOrControl(c) ? ' ' : c);
        }
        var fence = new string('`', System.Math.Max(3, longest + 1));
        return fence + info + "\n" + body.ToString().Trim('\n') + "\n" + fence + "\n";
    }

    /// <summary>Replaces line breaks and other control characters with spaces, repairs lone surrogates and trims.</summary>
    public static string OneLine(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        var source = UnicodeText.ReplaceLoneSurrogates(text!);
        if (!HasBreakOrControl(source)) return source.Trim();
        var line = new StringBuilder(source.Length);
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '\r' && i + 1 < source.Length && source[i + 1] == '\n') continue;
            line.Append(IsBreakOrControl(c) ? ' ' : c);
        }
        return line.ToString().Trim();
    }

    private static bool HasBreakOrControl(string text)
    {
        foreach (var c in text)
        {
            if (IsBreakOrControl(c)) return true;
        }
        return false;
    }

    internal static bool IsBreakOrControl(char c) =>
        c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029';

    // "1." or "12)" at the very start, followed by a space or the end, would start an ordered list.
    private static bool IsOrderedListMarker(string line, int index)
    {
        if (index == 0 || index > 9) return false;
        for (var i = 0; i < index; i++)
        {
            if (line[i] < '0' || line[i] > '9') return false;
        }
        return index + 1 == line.Length || line[index + 1] == ' ';
    }
}
