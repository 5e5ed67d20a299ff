using System;
using System.Globalization;
using Rollout.Semantics;

namespace Rollout.Cli.Simulation;

/// <summary>The words timeline and actions files use, in one place for CSV and JSON.</summary>
public static class InputWords
{
    public const string Kinds = "a number or one of gap, error, stale, multi";

    public const string ActionKinds = "approve, promote or abort";

    /// <summary>A value cell: a finite number (invariant culture) or a problem word.</summary>
    public static bool TryPoint(string text, out TimelinePointKind kind, out double value)
    {
        value = 0;
        kind = text.Trim() switch
        {
            "gap" => TimelinePointKind.Gap,
            "error" => TimelinePointKind.Error,
            "stale" => TimelinePointKind.Stale,
            "multi" => TimelinePointKind.SeveralSeries,
            _ => TimelinePointKind.Value,
        };
        if (kind != TimelinePointKind.Value) return true;
        return double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    public static bool TryAction(string text, out HumanActionKind kind)
    {
        switch (text.Trim())
        {
            case "approve": kind = HumanActionKind.Approve; return true;
            case "promote": kind = HumanActionKind.Promote; return true;
            case "abort": kind = HumanActionKind.Abort; return true;
            default: kind = default; return false;
        }
    }

    public static string Quote(string text) => "'" + (text.Length > 60 ? text.Substring(0, 57) + "..." : text) + "'";

    public static string Of(HumanActionKind kind) => kind switch
    {
        HumanActionKind.Approve => "approve",
        HumanActionKind.Promote => "promote",
        HumanActionKind.Abort => "abort",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
