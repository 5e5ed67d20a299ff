using System.Linq;
using Rollout.Dsl;
using Rollout.Dsl.Dialects;
using Rollout.Semantics;

namespace Rollout.Gates;

/// <summary>
/// This library queries Prometheus only. A measurement written for another metric backend (<see cref="Measurement.Source"/>)
/// is refused before anything runs, and never sent to Prometheus in the wrong dialect: a plan that cannot be measured here
/// holds, it does not pass.
/// </summary>
public static class PrometheusOnly
{
    /// <summary>
    /// The first measurement of <paramref name="plan"/> written for another backend, said in one line with what to do;
    /// null when every measurement is for Prometheus. <paramref name="host"/> names the refusing command.
    /// </summary>
    public static string? Refusal(RolloutPlan plan, string host) =>
        (plan ?? throw new System.ArgumentNullException(nameof(plan))).Measurements.FirstOrDefault(m => !PrometheusDialect.IsFor(m)) is { } other
            ? "measurement of '" + other.Metric.Name + "' is for source '" + other.Source + "', but " + host + " queries Prometheus only; "
              + "measure it in Prometheus (leave out source:) or evaluate the plan with a tool for " + other.Source + "."
            : null;

    /// <summary>The reading of a measurement written for another backend: an error, so the check holds; null for a Prometheus one.</summary>
    internal static Reading? Unreadable(Measurement measurement) =>
        PrometheusDialect.IsFor(measurement)
            ? null
            : Reading.Failed(ReadingProblem.Error, "the plan measures " + measurement.Metric.Name + " in '" + measurement.Source + "', and this tool queries Prometheus only");
}
