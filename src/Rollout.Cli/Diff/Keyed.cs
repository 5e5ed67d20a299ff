using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Rollout.Cli.Diff;

/// <summary>Pairs the items of two revisions of a list by a key (stage name, metric, rollback kind).</summary>
internal static class Keyed
{
    /// <summary>
    /// Keys are made unique by occurrence ("error_rate", then "error_rate#2"). Pairs come in old order, then the
    /// items only the new revision has, in new order.
    /// </summary>
    public static IEnumerable<(string Key, T? Old, T? New)> Match<T>(IEnumerable<T> old, IEnumerable<T> now, Func<T, string> key)
        where T : class
    {
        var before = Unique(old, key);
        var after = Unique(now, key);
        var afterByKey = after.ToDictionary(item => item.Key, item => item.Item, StringComparer.Ordinal);
        var beforeKeys = new HashSet<string>(before.Select(item => item.Key), StringComparer.Ordinal);
        foreach (var (k, item) in before) yield return (k, item, afterByKey.TryGetValue(k, out var match) ? match : null);
        foreach (var (k, item) in after)
        {
            if (!beforeKeys.Contains(k)) yield return (k, null, item);
        }
    }

    /// <summary>The keys in list order, made unique by occurrence.</summary>
    public static List<(string Key, T Item)> Unique<T>(IEnumerable<T> items, Func<T, string> key)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<(string, T)>();
        foreach (var item in items)
        {
            var k = key(item);
            for (var occurrence = 2; !used.Add(k); occurrence++) k = key(item) + "#" + occurrence.ToString(CultureInfo.InvariantCulture);
            result.Add((k, item));
        }
        return result;
    }
}
