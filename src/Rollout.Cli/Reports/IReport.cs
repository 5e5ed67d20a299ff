using System.IO;
using System.Text.Json;

namespace Rollout.Cli.Reports;

/// <summary>What a command found, printable in each <c>--format</c>. Text is one line per item.</summary>
public interface IReport
{
    void WriteText(TextWriter output);

    /// <summary>A Markdown document, e.g. a pull-request comment; user strings escaped with <c>MarkdownText.Escape</c>.</summary>
    void WriteMarkdown(TextWriter output);

    /// <summary>One JSON value (usually an object); the caller starts and ends the document.</summary>
    void WriteJson(Utf8JsonWriter json);
}
