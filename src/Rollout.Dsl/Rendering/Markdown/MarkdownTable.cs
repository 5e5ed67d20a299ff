using System.Collections.Generic;
using System.Text;

namespace Rollout.Dsl.Rendering.Markdown;

/// <summary>A GFM table whose cells are already-escaped Markdown; an empty cell shows a dash.</summary>
public sealed class MarkdownTable
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = new();

    public MarkdownTable(params string[] headers) => _headers = headers;

    public MarkdownTable Row(params string[] cells)
    {
        if (cells.Length != _headers.Length) throw new System.ArgumentException("A row needs " + _headers.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " cells.", nameof(cells));
        _rows.Add(cells);
        return this;
    }

    public void WriteTo(StringBuilder text)
    {
        WriteRow(text, _headers);
        text.Append('|');
        foreach (var _ in _headers) text.Append(" --- |");
        text.Append('\n');
        foreach (var row in _rows) WriteRow(text, row);
    }

    private static void WriteRow(StringBuilder text, string[] cells)
    {
        text.Append('|');
        foreach (var cell in cells)
        {
            // Cells hold escaped text; this only guards the row structure against a renderer bug.
            var safe = cell.Replace("\n", " ").Replace("|", "&#124;");
            text.Append(' ').Append(safe.Length == 0 ? "—" : safe).Append(" |");
        }
        text.Append('\n');
    }
}
