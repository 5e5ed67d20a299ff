using System;
using System.Collections;
using System.Collections.Generic;

namespace Rollout.Dsl;

/// <summary>
/// An immutable list compared by its items, so records holding it stay value-equal (the generator's cache compares
/// plans). Internal: the model's properties are <see cref="IReadOnlyList{T}"/> and keep whatever list they are given
/// as one of these (<see cref="EquatableList{T}.Of"/>), so equality holds however a plan was made.
/// </summary>
internal sealed class EquatableList<T> : IReadOnlyList<T>, IEquatable<EquatableList<T>>
{
    private readonly T[] _items;

    public static EquatableList<T> Empty { get; } = new(Array.Empty<T>());

    private EquatableList(T[] items) => _items = items;

    public static EquatableList<T> From(IEnumerable<T> items) => new(new List<T>(items).ToArray());

    /// <summary>The list itself if it is one already, else a copy.</summary>
    public static EquatableList<T> Of(IReadOnlyList<T> items) =>
        items as EquatableList<T> ?? From(items ?? throw new ArgumentNullException(nameof(items)));

    internal EquatableList<T> Add(T item)
    {
        var copy = new T[_items.Length + 1];
        Array.Copy(_items, copy, _items.Length);
        copy[_items.Length] = item;
        return new EquatableList<T>(copy);
    }

    internal EquatableList<T> AddRange(IEnumerable<T> items)
    {
        var copy = new List<T>(_items);
        copy.AddRange(items);
        return new EquatableList<T>(copy.ToArray());
    }

    internal EquatableList<T> SetItem(int index, T item)
    {
        var copy = (T[])_items.Clone();
        copy[index] = item;
        return new EquatableList<T>(copy);
    }

    public T this[int index] => _items[index];

    public int Count => _items.Length;

    public bool IsEmpty => _items.Length == 0;

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    public bool Equals(EquatableList<T>? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (other._items.Length != _items.Length) return false;
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < _items.Length; i++)
        {
            if (!comparer.Equals(_items[i], other._items[i])) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as EquatableList<T>);

    public override int GetHashCode()
    {
        unchecked
        {
            var hash = 17;
            var comparer = EqualityComparer<T>.Default;
            foreach (var item in _items) hash = (hash * 31) + (item is null ? 0 : comparer.GetHashCode(item));
            return hash;
        }
    }

    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}

/// <summary>What the builders append to a model list with.</summary>
internal static class EquatableList
{
    public static EquatableList<T> Adding<T>(this IReadOnlyList<T> list, T item) => EquatableList<T>.Of(list).Add(item);

    public static EquatableList<T> AddingAll<T>(this IReadOnlyList<T> list, IEnumerable<T> items) => EquatableList<T>.Of(list).AddRange(items);
}
