using System.Collections.Generic;

namespace Rollout.Export.Yaml;

/// <summary>
/// A small, ordered YAML document model: keys keep the order they were added in, so the same plan
/// always gives the same bytes. Scalars are <see cref="string"/>, <see cref="long"/>, <see cref="int"/>,
/// <see cref="double"/> or <see cref="bool"/>.
/// </summary>
public abstract class YamlNode
{
}

/// <summary>A mapping with keys in insertion order.</summary>
public sealed class YamlMap : YamlNode
{
    private readonly List<KeyValuePair<string, object>> _entries = new();

    public IReadOnlyList<KeyValuePair<string, object>> Entries => _entries;

    /// <summary>Adds <paramref name="key"/>; a null value is left out, so optional fields never appear empty.</summary>
    public YamlMap Add(string key, object? value)
    {
        if (value is null) return this;
        foreach (var entry in _entries)
        {
            if (entry.Key == key) throw new System.InvalidOperationException("Duplicate YAML key '" + key + "'.");
        }
        _entries.Add(new KeyValuePair<string, object>(key, value));
        return this;
    }

    public object? this[string key]
    {
        get
        {
            foreach (var entry in _entries)
            {
                if (entry.Key == key) return entry.Value;
            }
            return null;
        }
    }
}

/// <summary>A sequence.</summary>
public sealed class YamlSeq : YamlNode
{
    private readonly List<object> _items = new();

    public YamlSeq()
    {
    }

    public YamlSeq(IEnumerable<object> items) => _items.AddRange(items);

    public IReadOnlyList<object> Items => _items;

    public YamlSeq Add(object item)
    {
        _items.Add(item);
        return this;
    }
}
