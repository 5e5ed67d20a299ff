using Rollout.Dsl;

namespace Rollout.Semantics;

/// <summary>One check an evaluation needs: what to measure, and what it is compared with.</summary>
/// <param name="Kind">Stop-loss or advance gate.</param>
/// <param name="Condition">The stop-loss's crossing condition, or the gate's passing condition.</param>
/// <param name="Action">The stop-loss's action; null for a gate.</param>
/// <param name="Measure">The question for the measurement source.</param>
/// <param name="Query">The plan's query for this window (Prometheus: <see cref="Rollout.Dsl.Dialects.PrometheusDialect.QueryOver"/>); null without a measurement.</param>
public sealed record CheckRequest(CheckKind Kind, Condition Condition, StopLossAction? Action, MeasurementRequest Measure, string? Query);
