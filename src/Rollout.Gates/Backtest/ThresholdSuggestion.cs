using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Rollout.Dsl;

namespace Rollout.Gates.Backtest;

/// <summary>
/// The most sensitive threshold that would have fired in none of the evaluations outside the incidents and still in each
/// incident; or, when no single threshold does both, why not. Computed from the same readings the firings come from.
/// </summary>
/// <param name="Threshold">The suggested threshold (rounded to three significant digits where that keeps both properties); null when there is none.</param>
/// <param name="Statement">One sentence: the suggestion and what it rests on, or why there is none.</param>
public sealed record ThresholdSuggestion(double? Threshold, string Statement)
{
    /// <summary>
    /// For a stop-loss crossing when <paramref name="comparison"/> holds: <paramref name="outside"/> is the most extreme
    /// value outside every incident span (the highest for above/at least, the lowest for below/at most; null: no reading
    /// outside), <paramref name="inside"/> the most extreme value in each incident's span (null: no reading there).
    /// </summary>
    public static ThresholdSuggestion For(Comparison comparison, Func<double, string> show, double? outside, IReadOnlyList<double?> inside)
    {
        if (show is null) throw new ArgumentNullException(nameof(show));
        if (inside is null) throw new ArgumentNullException(nameof(inside));
        var unread = Enumerable.Range(0, inside.Count).Where(i => inside[i] is null).ToList();
        if (unread.Count > 0)
        {
            return new(null, "no single threshold can be suggested: incident " + string.Join(", ", unread.Select(i => (i + 1).ToString(CultureInfo.InvariantCulture))) + " has no reading at all (no data, stale or failing)");
        }
        if (outside is null)
        {
            return new(null, "no single threshold can be suggested: there is no reading outside the incidents to tell healthy from broken");
        }
        var up = comparison is Comparison.Above or Comparison.AtLeast;
        // The weakest incident: the one whose most extreme value is the least extreme.
        double? weakest = inside.Count == 0 ? null : (up ? inside.Min(v => v!.Value) : inside.Max(v => v!.Value));
        var exact = outside.Value;
        bool Fires(double value, double threshold) => new Condition { Metric = Signal.Count("m"), Comparison = comparison, Threshold = threshold }.HoldsFor(value);
        bool Works(double threshold) => !Fires(exact, threshold) && (weakest is not { } w || Fires(w, threshold));

        // Above/below: the outside extreme itself does not fire. At least/at most: the next value past it.
        var tightest = comparison switch
        {
            Comparison.AtLeast => Math.BitIncrement(exact),
            Comparison.AtMost => Math.BitDecrement(exact),
            _ => exact,
        };
        if (!Works(tightest))
        {
            return new(null, "no single threshold does both: the " + (up ? "highest" : "lowest") + " reading outside the incidents (" + show(exact)
                + ") is as extreme as the weakest incident's (" + show(weakest!.Value) + "); a threshold that catches every incident also fires on a healthy day");
        }
        var rounded = Round(exact, up, strict: comparison is Comparison.AtLeast or Comparison.AtMost);
        var threshold = Works(rounded) ? rounded : tightest;
        var healthy = (up ? "the highest" : "the lowest") + " reading outside the incidents was " + show(exact);
        var catches = weakest is { } weak
            ? "; every incident still crosses it (the weakest reached " + show(weak) + ")"
            : "; no incident was given, so this only avoids false alarms";
        return new(threshold, ConditionSymbol(comparison) + " " + show(threshold) + ": " + healthy + catches);
    }

    private static string ConditionSymbol(Comparison comparison) => comparison switch
    {
        Comparison.Below => "<",
        Comparison.AtMost => "<=",
        Comparison.Above => ">",
        _ => ">=",
    };

    /// <summary>
    /// Three significant digits, rounded away from the healthy side (up for an "above" stop-loss); <paramref name="strict"/>
    /// (at least / at most, which fire on the value itself) moves one step past a value that is already round.
    /// </summary>
    internal static double Round(double value, bool up, bool strict)
    {
        if (!double.IsFinite(value)) return value;
        var scale = value == 0 ? 0.001 : Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(value))) - 2);
        var steps = Math.Round(value / scale, 9);
        var whole = up ? Math.Ceiling(steps) : Math.Floor(steps);
        if (strict && whole == steps) whole += up ? 1 : -1;
        return Math.Round(whole * scale, 12);
    }
}
