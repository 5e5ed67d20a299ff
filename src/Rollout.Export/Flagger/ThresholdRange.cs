using System;
using Rollout.Dsl;

namespace Rollout.Export.Flagger;

/// <summary>
/// Flagger's check: a value passes while min ≤ value ≤ max (both inclusive). A strict plan bound
/// ("below 0.1") becomes the next double below it, which is exactly the same test.
/// </summary>
internal readonly record struct ThresholdRange(double? Min, double? Max)
{
    public static ThresholdRange Any => new(null, null);

    /// <summary>The values for which an advance gate holds.</summary>
    public static ThresholdRange Passing(Condition gate) => gate.Comparison switch
    {
        Comparison.Below => new(null, Math.BitDecrement(gate.Threshold)),
        Comparison.AtMost => new(null, gate.Threshold),
        Comparison.Above => new(Math.BitIncrement(gate.Threshold), null),
        _ => new(gate.Threshold, null),
    };

    /// <summary>The values for which a stop-loss has not been crossed.</summary>
    public static ThresholdRange NotCrossed(Condition stopLoss) => stopLoss.Comparison switch
    {
        Comparison.Above => new(null, stopLoss.Threshold),
        Comparison.AtLeast => new(null, Math.BitDecrement(stopLoss.Threshold)),
        Comparison.Below => new(stopLoss.Threshold, null),
        _ => new(Math.BitIncrement(stopLoss.Threshold), null),
    };

    /// <summary>The strictest of both: a value passes only if it passes each.</summary>
    public ThresholdRange Intersect(ThresholdRange other) => new(
        Min is null ? other.Min : other.Min is null ? Min : Math.Max(Min.Value, other.Min.Value),
        Max is null ? other.Max : other.Max is null ? Max : Math.Min(Max.Value, other.Max.Value));

    public bool Passes(double value) => (Min is null || value >= Min) && (Max is null || value <= Max);
}
