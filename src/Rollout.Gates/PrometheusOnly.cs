using System.Diagnostics.CodeAnalysis;
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

    /// <summary>
    /// The query Prometheus runs for <paramref name="request"/>; false, with the reading that says why, when the plan does not say
    /// how the metric is measured (ROLL024) or measures it in another backend (an error, so the check holds).
    /// </summary>
    internal static bool TryQuery(MeasurementRequest request, [NotNullWhen(true)] out string? query, [NotNullWhen(false)] out Reading? unreadable)
    {
        query = null;
        unreadable = null;
        if (request.Measurement is not { } measurement)
            unreadable = Reading.Failed(ReadingProblem.NoData, "the plan does not say how " + request.Metric.Name + " is measured (ROLL024)");
        else if ((query = QueryOf(measurement, request.Window)) is null)
            unreadable = Reading.Failed(ReadingProblem.Error, "the plan measures " + measurement.Metric.Name + " in '" + measurement.Source + "', and this tool queries Prometheus only");
        return query is not null;
    }

    /// <summary>The query Prometheus runs for <paramref name="measurement"/> over <paramref name="window"/>; null when there is none or it is for another backend.</summary>
    internal static string? QueryOf(Measurement? measurement, System.TimeSpan window) =>
        measurement is not null && PrometheusDialect.IsFor(measurement) ? PrometheusDialect.QueryOver(measurement, window) : null;
}
