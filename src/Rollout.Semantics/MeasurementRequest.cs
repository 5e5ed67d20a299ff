using System;
using Rollout.Dsl;

namespace Rollout.Semantics;

/// <summary>
/// One question to a measurement source: the value of <see cref="Metric"/>, measured the way the plan says
/// (<see cref="Measurement"/>), over the window <see cref="Window"/> ending at <see cref="At"/>.
/// </summary>
/// <param name="Metric">The metric a gate or stop-loss is written against.</param>
/// <param name="Measurement">The plan's measurement of that metric; null when the plan has none (a source then answers <see cref="ReadingProblem.NoData"/>).</param>
/// <param name="Window">The evaluation window: the stop-loss window, or a stage's gate window.</param>
/// <param name="At">The end of the window: "as of" this time.</param>
public sealed record MeasurementRequest(Metric Metric, Measurement? Measurement, TimeSpan Window, DateTimeOffset At);
