using System.Linq;
using System.Text.Json;
using Rollout.Dsl.Text;

namespace Rollout.Dsl.Tests.Rendering;

public class TextEscapingTests
{
    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("\n\t\b\f", "\"\\n\\t\\b\\f\"")]
    [InlineData("a\r\nb\rc\n", "\"a\\nb\\nc\\n\"")]
    [InlineData("\u0001\u001f\u007f\u0085", "\"\\u0001\\u001F\\u007F\\u0085\"")]
    [InlineData("</script><!--&", "\"\\u003C/script\\u003E\\u003C!--\\u0026\"")]
    [InlineData("\u2028\u2029", "\"\\u2028\\u2029\"")]
    [InlineData("😀 é", "\"😀 é\"")]
    public void Json_strings_are_escaped(string value, string expected)
    {
        var quoted = JsonText.Quote(value);

        Assert.Equal(expected, quoted);
        // Round-trips but for lone surrogates (U+FFFD) and line breaks (always \n).
        Assert.Equal(UnicodeText.ReplaceLoneSurrogates(value).Replace("\r\n", "\n").Replace('\r', '\n'), JsonSerializer.Deserialize<string>(quoted));
    }

    [Theory]
    [InlineData("error_rate", "error_rate")]
    [InlineData("_x_ *y*", "\\_x\\_ \\*y\\*")]
    [InlineData("a | b", "a &#124; b")]
    [InlineData("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;")]
    [InlineData("a & b &amp;", "a &amp; b &amp;amp;")]
    [InlineData("line\r\nbreak\nand\rmore", "line break and more")]
    [InlineData("  padded\t ", "padded")]
    [InlineData("# heading #", "\\# heading \\#")]
    [InlineData("- item", "\\- item")]
    [InlineData("+ item", "\\+ item")]
    [InlineData("= underline", "\\= underline")]
    [InlineData("1. one", "1\\. one")]
    [InlineData("12) twelve", "12\\) twelve")]
    [InlineData("1.5 h", "1.5 h")]
    [InlineData("[a](javascript:x) ![i](y)", "\\[a\\](javascript:x) !\\[i\\](y)")]
    [InlineData("`code` ```", "\\`code\\` \\`\\`\\`")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("~~s~~ $x$", "\\~\\~s\\~\\~ \\$x\\$")]
    [InlineData("a-b = c + d", "a-b = c + d")]
    [InlineData(null, "")]
    public void Markdown_text_is_inert(string? value, string expected) => Assert.Equal(expected, MarkdownText.Escape(value));

    // Lone surrogates cannot be attribute arguments (the compiler stores attribute strings as UTF-8).
    /// <summary>The escaping rule, stated once per UTF-16 code unit, against what the writer does with each one inside text.</summary>
    [Fact]
    public void Every_code_unit_is_written_by_the_json_rule()
    {
        for (var code = 0; code <= 0xFFFF; code++)
        {
            var c = (char)code;
            var expected = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' or '\r' => "\\n",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                _ when c < 0x20 || (c >= 0x7F && c <= 0x9F) || c is '<' or '>' or '&' or '\u2028' or '\u2029' => "\\u" + code.ToString("X4", System.Globalization.CultureInfo.InvariantCulture),
                _ when char.IsSurrogate(c) => "\\uFFFD",
                _ => c.ToString(),
            };
            Assert.Equal("\"a" + expected + "b\"", JsonText.Quote("a" + c + "b"));
            Assert.Equal("\"" + expected + "\"", JsonText.Quote(c.ToString()));
        }
    }

    /// <summary>
    /// Escape writes runs of plain text in one piece and returns a string that needs nothing as it is; this checks it against
    /// the rule written one character at a time (the form it had before), over random lines full of the characters that matter.
    /// </summary>
    [Fact]
    public void Markdown_escaping_agrees_with_the_character_by_character_rule()
    {
        const string Alphabet = "aZ09 _-+=.)|&<>\\`*[]~$#\r\n\t\u2028\u0085é😀\ud800";
        var random = new System.Random(21);
        for (var n = 0; n < 20000; n++)
        {
            var chars = new char[random.Next(0, 12)];
            for (var i = 0; i < chars.Length; i++) chars[i] = Alphabet[random.Next(Alphabet.Length)];
            var value = new string(chars);
            Assert.Equal(CharacterByCharacter(MarkdownText.OneLine(value)), MarkdownText.Escape(value));
        }
    }

    private static string CharacterByCharacter(string line)
    {
        var escaped = new System.Text.StringBuilder();
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            switch (c)
            {
                case '&': escaped.Append("&amp;"); break;
                case '<': escaped.Append("&lt;"); break;
                case '>': escaped.Append("&gt;"); break;
                case '|': escaped.Append("&#124;"); break;
                case '\\' or '`' or '*' or '[' or ']' or '~' or '$' or '#': escaped.Append('\\').Append(c); break;
                case '_':
                    if (i > 0 && i + 1 < line.Length && char.IsLetterOrDigit(line[i - 1]) && char.IsLetterOrDigit(line[i + 1])) escaped.Append(c);
                    else escaped.Append("\\_");
                    break;
                case '+' or '-' or '=':
                    if (i == 0) escaped.Append('\\');
                    escaped.Append(c);
                    break;
                case '.' or ')':
                    var marker = i > 0 && i <= 9 && line.Take(i).All(char.IsAsciiDigit) && (i + 1 == line.Length || line[i + 1] == ' ');
                    if (marker) escaped.Append('\\');
                    escaped.Append(c);
                    break;
                default: escaped.Append(c); break;
            }
        }
        return escaped.ToString();
    }

    [Fact]
    public void Lone_surrogates_become_replacement_characters()
    {
        Assert.Equal("\"a\\uFFFDb\\uFFFD\\uFFFD\"", JsonText.Quote("a\ud800b\udc00\udc00"));
        Assert.Equal("\"😀\"", JsonText.Quote("\ud83d\ude00"));
        Assert.Equal("lone \ufffd", MarkdownText.Escape("lone \ud800"));
        Assert.Equal("\ufffd x", MermaidText.Label("\udc00 x"));
        Assert.Equal("a\ufffd\ufffdb", UnicodeText.ReplaceLoneSurrogates("a\udc00\ud800b"));
    }

    [Theory]
    [InlineData("canary", "canary")]
    [InlineData("\"]; end --> s0", "#quot;#93;#59; end --#62; s0")]
    [InlineData("a<br/>b", "a#60;br/#62;b")]
    [InlineData("#quot; %%{init} 0.1 %", "#35;quot#59; #37;#37;#123;init#125; 0.1 #37;")]
    [InlineData("x|y`z[{}]", "x#124;y#96;z#91;#123;#125;#93;")]
    [InlineData("two\nlines", "two lines")]
    [InlineData("Prüfung 😀", "Prüfung 😀")]
    public void Mermaid_labels_are_inert(string value, string expected) => Assert.Equal(expected, MermaidText.Label(value));
}
