using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Rollout.Dsl;
using Rollout.Export.Tests.Infrastructure;
using Rollout.Semantics;

namespace Rollout.Export.Tests.Engines;

/// <summary>
/// The Prometheus an engine model queries: it recognises a query as one of the plan's measurements with a window
/// filled in (as an engine sends it) and answers from the metric timeline, shaped as Prometheus answers an instant
/// query: one series, none (no data, NaN, stale past the lookback), two (several series), or an error.
/// </summary>
public sealed class FakePrometheus
{
    private readonly MetricTimeline _timeline;
    private readonly List<(Regex Pattern, string Metric)> _queries = new();

    public FakePrometheus(RolloutPlan plan, MetricTimeline timeline)
    {
        _timeline = timeline;
        foreach (var metric in Rollout.Export.Tests.Infrastructure.ExportSamples.MetricsOf(plan))
        {
            var measurement = plan.MeasurementOf(metric)!;
            var pattern = Regex.Escape(measurement.Query).Replace(Regex.Escape(Measurement.WindowPlaceholder), "(?<window>[0-9hms{}. a-z]+?)");
            _queries.Add((new Regex("^" + pattern + "$", RegexOptions.CultureInvariant), metric.Name));
        }
    }

    /// <summary>What the engine reads for <paramref name="query"/> at <paramref name="at"/>; <paramref name="windowVariable"/> is Flagger's {{ interval }}.</summary>
    public Answer Query(string query, DateTimeOffset at, TimeSpan? windowVariable = null)
    {
        foreach (var (pattern, metric) in _queries)
        {
            var match = pattern.Match(query);
            if (!match.Success) continue;
            var windowText = match.Groups["window"].Value;
            var window = windowText == "{{ interval }}" ? windowVariable ?? throw new InvalidOperationException("no interval for " + query) : GoDuration.Parse(windowText);
            var reading = _timeline.Read(metric, window, at);
            if (reading.Value is { } value) return new Answer(new[] { value }, false);
            return reading.Problem switch
            {
                ReadingProblem.Error => new Answer(Array.Empty<double>(), true),
                ReadingProblem.SeveralSeries => new Answer(new[] { 0.0, 0.0 }, false),
                _ => new Answer(Array.Empty<double>(), false),
            };
        }
        throw new InvalidOperationException("The exported query is none of the plan's measurements: " + query);
    }

    /// <summary>An instant query's series values, or a failed request.</summary>
    public sealed record Answer(double[] Series, bool Error);
}
