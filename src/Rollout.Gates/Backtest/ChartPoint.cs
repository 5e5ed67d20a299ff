using System;

namespace Rollout.Gates.Backtest;

/// <summary>One bucket of a stop-loss's chart series: the lowest and highest value read in it (both null: no reading in the bucket).</summary>
public sealed record ChartPoint(DateTimeOffset Start, double? Min, double? Max);
