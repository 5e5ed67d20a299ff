using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Rollout.Dsl.Text;

namespace Rollout.Dsl.Rendering.Json;

/// <summary>A minimal forward-only JSON writer: two-space indent, "\n" newlines, a trailing newline.</summary>
internal sealed class JsonWriter
{
    // Sized for a plan (its JSON is a few thousand characters), so the text is not copied as it grows.
    private readonly StringBuilder _text = new(12 * 1024);
    /// <summary>For each open object or array, innermost last, how many items it holds so far.</summary>
    private int[] _counts = new int[8];
    private int _depth;
    private bool _afterName;

    public JsonWriter StartObject() => Open('{');

    public JsonWriter EndObject() => Close('}');

    public JsonWriter StartArray() => Open('[');

    public JsonWriter EndArray() => Close(']');

    public JsonWriter Name(string name)
    {
        NextItem();
        JsonText.AppendQuoted(_text, name);
        _text.Append(": ");
        _afterName = true;
        return this;
    }

    public JsonWriter String(string? value)
    {
        BeforeValue();
        if (value is null) _text.Append("null");
        else JsonText.AppendQuoted(_text, value);
        return this;
    }

    /// <summary>NaN and infinities have no JSON form and are written as null.</summary>
    public JsonWriter Number(double value)
    {
        BeforeValue();
        _text.Append(NumberText(value) ?? "null");
        return this;
    }

    public JsonWriter Bool(bool value)
    {
        BeforeValue();
        _text.Append(value ? "true" : "false");
        return this;
    }

    public JsonWriter Property(string name, string? value) => Name(name).String(value);

    public JsonWriter Property(string name, double value) => Name(name).Number(value);

    public JsonWriter Property(string name, bool value) => Name(name).Bool(value);

    /// <summary>Writes the property only when <paramref name="value"/> is not null.</summary>
    public JsonWriter OptionalProperty(string name, string? value) => value is null ? this : Property(name, value);

    public JsonWriter StringArray(string name, IEnumerable<string?> values)
    {
        Name(name).StartArray();
        foreach (var value in values) String(value);
        return EndArray();
    }

    /// <summary>The document, with its trailing newline; call once, when the last value is written.</summary>
    public string Finish() => _text.Append('\n').ToString();

    /// <summary>The invariant round-trip form; null for NaN and infinities, which JSON cannot hold.</summary>
    internal static string? NumberText(double value) =>
        double.IsNaN(value) || double.IsInfinity(value) ? null : Invariant.Number(value);

    private JsonWriter Open(char bracket)
    {
        BeforeValue();
        _text.Append(bracket);
        if (_depth == _counts.Length) System.Array.Resize(ref _counts, _depth * 2);
        _counts[_depth++] = 0;
        return this;
    }

    private JsonWriter Close(char bracket)
    {
        var count = _counts[--_depth];
        if (count > 0) NewLine();
        _text.Append(bracket);
        return this;
    }

    private void BeforeValue()
    {
        if (_afterName)
        {
            _afterName = false;
            return;
        }
        if (_depth > 0) NextItem();
    }

    private void NextItem()
    {
        var top = _depth - 1;
        if (_counts[top] > 0) _text.Append(',');
        _counts[top]++;
        NewLine();
    }

    private void NewLine() => _text.Append('\n').Append(' ', 2 * _depth);
}
