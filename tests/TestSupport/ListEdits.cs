using System.Collections.Generic;
using System.Linq;

namespace Rollout.TestSupport;

/// <summary>
/// Edits of a plan's lists for tests that vary a plan (<c>plan with { Stages = plan.Stages.SetItem(0, ...) }</c>): each
/// returns a new list, as ImmutableList does, through the model's public <see cref="IReadOnlyList{T}"/> properties.
/// </summary>
public static class ListEdits
{
    public static IReadOnlyList<T> SetItem<T>(this IReadOnlyList<T> list, int index, T item) =>
        list.Select((existing, i) => i == index ? item : existing).ToArray();

    public static IReadOnlyList<T> Add<T>(this IReadOnlyList<T> list, T item) => list.Append(item).ToArray();
}
