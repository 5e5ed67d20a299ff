using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Rollout.Dsl;

/// <summary>
/// Where a part of a plan is: the one notation that builders record, rules report, the build places diagnostics
/// by and tools print. Its names are the JSON plan's property names, so <see cref="ToString"/> ("stages[1].observe")
/// and <see cref="ToJsonPointer"/> ("/stages/1/observe") both point into the plan's JSON. Compared by value.
/// </summary>
public sealed class PlanPath : IEquatable<PlanPath>
{
    private readonly PlanPath? _parent;
    private readonly string? _name;
    private readonly int _index;

    private PlanPath(PlanPath? parent, string? name, int index)
    {
        _parent = parent;
        _name = name;
        _index = index;
    }

    /// <summary>The plan itself: "" (and the JSON pointer "").</summary>
    public static PlanPath Plan { get; } = new(null, null, -1);

    public PlanPath? Parent => _parent;

    public bool IsPlan => _parent is null;

    // The parts of a plan, named once. Each is valid below the part the comment names. Internal: builders, rules
    // and the plan-file reader point with them; a user reads a finding's path (ToString, ToJsonPointer, Parent) and
    // parses one, so the navigation can grow with the plan without growing the public API.
    // Plan:
    internal PlanPath Id => Member(PlanProperty.Id);
    internal PlanPath Title => Member(PlanProperty.Title);
    internal PlanPath Owner => Member(PlanProperty.Owner);
    internal PlanPath Touches => Member(PlanProperty.Touches);
    internal PlanPath Stages => Member(PlanProperty.Stages);
    internal PlanPath StopLoss => Member(PlanProperty.StopLoss);
    internal PlanPath StopLossEvaluation => Member(PlanProperty.StopLossEvaluation);
    internal PlanPath Measurements => Member(PlanProperty.Measurements);
    internal PlanPath Rollback => Member(PlanProperty.Rollback);
    internal PlanPath Authority => Member(PlanProperty.Authority);
    internal PlanPath PointOfNoReturn => Member(PlanProperty.PointOfNoReturn);

    /// <summary>stages[index].</summary>
    internal PlanPath Stage(int index) => Stages.At(index);

    // A stage:
    internal PlanPath Name => Member(PlanProperty.Name);
    internal PlanPath Traffic => Member(PlanProperty.Traffic);
    internal PlanPath Observe => Member(PlanProperty.Observe);
    internal PlanPath AdvanceWhen => Member(PlanProperty.AdvanceWhen);
    internal PlanPath After => Member(PlanProperty.After);
    internal PlanPath OverrideBy => Member(PlanProperty.OverrideBy);

    // A stop-loss:
    internal PlanPath When => Member(PlanProperty.When);

    // Authority:
    internal PlanPath MayTrigger => Member(PlanProperty.MayTrigger);
    internal PlanPath MayOverride => Member(PlanProperty.MayOverride);
    internal PlanPath Announce => Member(PlanProperty.Announce);
    internal PlanPath Inform => Member(PlanProperty.Inform);
    internal PlanPath SignOff => Member(PlanProperty.SignOff);

    // An announcement:
    internal PlanPath Channel => Member(PlanProperty.Channel);
    internal PlanPath Within => Member(PlanProperty.Within);

    // The point of no return:
    internal PlanPath AfterStage => Member(PlanProperty.AfterStage);
    internal PlanPath Moment => Member(PlanProperty.Moment);
    internal PlanPath ForwardFix => Member(PlanProperty.ForwardFix);

    /// <summary>The element at <paramref name="index"/> of this list: "stopLoss[0]".</summary>
    internal PlanPath At(int index) =>
        index >= 0 ? new PlanPath(this, null, index) : throw new ArgumentOutOfRangeException(nameof(index), "A plan path index is 0 or more.");

    /// <summary>"stages[1].observe"; "" for the plan.</summary>
    public override string ToString()
    {
        if (_parent is null) return "";
        var parent = _parent.ToString();
        if (_name is null) return parent + "[" + _index.ToString(CultureInfo.InvariantCulture) + "]";
        return parent.Length == 0 ? _name : parent + "." + _name;
    }

    /// <summary>The JSON pointer (RFC 6901) into the plan's JSON: "/stages/1/observe"; "" for the plan.</summary>
    public string ToJsonPointer()
    {
        var text = new StringBuilder();
        foreach (var part in Parts()) text.Append('/').Append(part.Replace("~", "~0").Replace("/", "~1"));
        return text.ToString();
    }

    /// <summary>Reads what <see cref="ToString"/> wrote; false for any other text.</summary>
    public static bool TryParse(string text, out PlanPath path)
    {
        path = Plan;
        if (text is null) return false;
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '[')
            {
                var close = text.IndexOf(']', i);
                if (path.IsPlan || close < 0 || !int.TryParse(text.Substring(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index)) return false;
                path = path.At(index);
                i = close + 1;
                continue;
            }
            if (!path.IsPlan)
            {
                if (text[i] != '.') return false;
                i++;
            }
            var end = i;
            while (end < text.Length && text[end] != '.' && text[end] != '[') end++;
            if (end == i) return false;
            path = path.Member(text.Substring(i, end - i));
            i = end;
        }
        return true;
    }

    /// <summary>"/stages/1/observe" (a JSON pointer, e.g. from a schema validator) as a path; empty parts are skipped.</summary>
    public static PlanPath FromJsonPointer(string pointer)
    {
        var path = Plan;
        foreach (var raw in (pointer ?? throw new ArgumentNullException(nameof(pointer))).Split('/'))
        {
            if (raw.Length == 0) continue;
            var part = raw.Replace("~1", "/").Replace("~0", "~");
            path = IsIndex(part) && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? path.At(index) : path.Member(part);
        }
        return path;
    }

    public bool Equals(PlanPath? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is null || _name != other._name || _index != other._index) return false;
        return Equals(_parent, other._parent);
    }

    public override bool Equals(object? obj) => Equals(obj as PlanPath);

    public override int GetHashCode()
    {
        unchecked
        {
            var hash = _parent?.GetHashCode() ?? 17;
            return hash * 31 + (_name is null ? _index : StringComparer.Ordinal.GetHashCode(_name));
        }
    }

    private PlanPath Member(string name) => new(this, name, -1);

    private IEnumerable<string> Parts()
    {
        var parts = new List<string>();
        for (var path = this; path._parent is not null; path = path._parent)
        {
            parts.Add(path._name ?? path._index.ToString(CultureInfo.InvariantCulture));
        }
        parts.Reverse();
        return parts;
    }

    private static bool IsIndex(string part)
    {
        foreach (var c in part)
        {
            if (c is < '0' or > '9') return false;
        }
        return part.Length > 0;
    }
}
