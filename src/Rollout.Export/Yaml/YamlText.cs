using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using Rollout.Dsl.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Rollout.Export.Yaml;

/// <summary>
/// Writes <see cref="YamlNode"/> documents with YamlDotNet's emitter: block style, "\n" line breaks,
/// culture-independent numbers, and every string that a YAML 1.1 or 1.2 reader (Kubernetes uses
/// a 1.1 reader) would take for a number, boolean or null written in double quotes.
/// </summary>
public static class YamlText
{
    // Plain scalars that some YAML reader resolves to something other than a string.
    private static readonly Regex NonString = new(
        "^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF"
        + "|[-+]?(?:[0-9][0-9_]*)?\\.?[0-9_]*(?:[eE][-+]?[0-9]+)?"
        + "|[-+]?0[xob][0-9a-fA-F_]+|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN)|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?"
        + "|<<|=)$",
        RegexOptions.CultureInvariant);

    /// <summary>One or more documents, each introduced by "---"; <paramref name="header"/> lines become leading comments.</summary>
    public static string Write(IReadOnlyList<YamlNode> documents, IReadOnlyList<string>? header = null)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var emitter = new Emitter(writer, EmitterSettings.Default.WithBestIndent(2).WithBestWidth(int.MaxValue).WithNewLine("\n"));
        emitter.Emit(new StreamStart());
        var first = true;
        foreach (var document in documents)
        {
            if (first && header is not null)
            {
                foreach (var line in header) emitter.Emit(new Comment(Inert(line), isInline: false));
            }
            emitter.Emit(new DocumentStart(null, null, isImplicit: false));
            Node(emitter, document);
            emitter.Emit(new DocumentEnd(isImplicit: true));
            first = false;
        }
        emitter.Emit(new StreamEnd());
        return writer.ToString().Replace("\r\n", "\n");
    }

    private static void Node(IEmitter emitter, object value)
    {
        switch (value)
        {
            case YamlMap map:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, MappingStyle.Block));
                foreach (var entry in map.Entries)
                {
                    String(emitter, entry.Key);
                    Node(emitter, entry.Value);
                }
                emitter.Emit(new MappingEnd());
                break;
            case YamlSeq seq:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true,
                    seq.Items.Count == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in seq.Items) Node(emitter, item);
                emitter.Emit(new SequenceEnd());
                break;
            case string text:
                String(emitter, text);
                break;
            case bool flag:
                Plain(emitter, flag ? "true" : "false");
                break;
            case int number:
                Plain(emitter, number.ToString(CultureInfo.InvariantCulture));
                break;
            case long number:
                Plain(emitter, number.ToString(CultureInfo.InvariantCulture));
                break;
            case double number:
                if (double.IsNaN(number) || double.IsInfinity(number)) throw new ArgumentOutOfRangeException(nameof(value), "A manifest number must be finite.");
                Plain(emitter, Invariant.Number(number));
                break;
            default:
                throw new ArgumentException("Cannot write " + value.GetType().Name + " as YAML.", nameof(value));
        }
    }

    private static void Plain(IEmitter emitter, string text) =>
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));

    private static void String(IEmitter emitter, string text)
    {
        // Multi-line text reads best as a literal block; the emitter falls back to double quotes when a block cannot hold it.
        var style = text.Length == 0 || NonString.IsMatch(text) ? ScalarStyle.DoubleQuoted
            : text.IndexOf('\n') >= 0 && Printable(text) ? ScalarStyle.Literal
            : ScalarStyle.Any;
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, text, style, isPlainImplicit: true, isQuotedImplicit: true));
    }

    private static bool Printable(string text)
    {
        foreach (var character in text)
        {
            if (character != '\n' && (char.IsControl(character) || char.IsSurrogate(character) || character == '\uFEFF')) return false;
        }
        return !text.StartsWith(" ", StringComparison.Ordinal) && !text.Contains(" \n", StringComparison.Ordinal) && !text.EndsWith(" ", StringComparison.Ordinal);
    }

    // A comment is one line; anything that could end it early is replaced.
    private static string Inert(string line) => line.Replace("\r", " ").Replace("\n", " ");
}
