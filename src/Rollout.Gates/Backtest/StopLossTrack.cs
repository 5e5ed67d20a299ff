using System;
using System.Collections.Generic;
using System.Linq;
using Rollout.Dsl.Dialects;
using Rollout.Dsl;
using Rollout.Semantics;

namespace Rollout.Gates.Backtest;

/// <summary>
/// Collects one stop-loss's checks, evaluation by evaluation, into its <see cref="StopLossBacktest"/>. Keeps only
/// aggregates, firings and a fixed number of chart buckets, so memory does not grow with the period.
/// </summary>
internal sealed class StopLossTrack
{
    private readonly Watcher _watcher;
    private readonly BacktestOptions _options;
    private readonly bool _up;
    private readonly Dictionary<ReadingProblem, long> _problems = new();
    private readonly List<Firing> _firings = new();
    private readonly DateTimeOffset?[] _detected;
    private readonly double?[] _insideExtreme;
    private readonly double?[] _bucketMin;
    private readonly double?[] _bucketMax;
    private readonly int _buckets;
    private (DateTimeOffset At, string Detail)? _firstProblem;
    private double? _outsideExtreme;
    private long _evaluations;
    private long _withValue;
    private Firing? _open;

    /// <param name="buckets">Chart buckets: at most one per evaluation, so an empty bucket is a stretch without a value, not a gap between evaluations.</param>
    public StopLossTrack(Watcher watcher, BacktestOptions options, int buckets)
    {
        _buckets = buckets;
        _watcher = watcher;
        _options = options;
        _up = watcher.Condition.Comparison is Comparison.Above or Comparison.AtLeast;
        _detected = new DateTimeOffset?[options.Incidents.Count];
        _insideExtreme = new double?[options.Incidents.Count];
        _bucketMin = new double?[buckets];
        _bucketMax = new double?[buckets];
    }

    /// <summary>Takes this stop-loss's check at <paramref name="at"/>, and the decision the replayed stage took there.</summary>
    public void Add(DateTimeOffset at, CheckResult check, Decision decision)
    {
        _evaluations++;
        if (check.Observed is not { } value)
        {
            var problem = check.Problem ?? ReadingProblem.NoData;
            _problems[problem] = _problems.TryGetValue(problem, out var count) ? count + 1 : 1;
            _firstProblem ??= (at, check.Reason ?? problem.ToString());
            Close();
            return;
        }
        _withValue++;
        Chart(at, value);
        var inAny = false;
        for (var i = 0; i < _options.Incidents.Count; i++)
        {
            if (!_options.Incidents[i].Covers(at, _watcher.Window)) continue;
            inAny = true;
            _insideExtreme[i] = Extreme(_insideExtreme[i], value);
            if (check.Verdict == Verdict.Crossed) _detected[i] ??= at;
        }
        if (!inAny) _outsideExtreme = Extreme(_outsideExtreme, value);
        if (check.Verdict != Verdict.Crossed)
        {
            Close();
            return;
        }
        if (_open is null)
        {
            var incident = Enumerable.Range(0, _options.Incidents.Count).Cast<int?>().FirstOrDefault(i => _options.Incidents[i!.Value].Covers(at, _watcher.Window));
            _open = new Firing(at, at, value, value, decision, incident);
        }
        else
        {
            _open = _open with { End = at, Peak = Extreme(_open.Peak, value)!.Value };
        }
    }

    public StopLossBacktest Result(Func<double, string> show)
    {
        Close();
        var falseAlarms = _firings.Count(f => f.Incident is null);
        var weeks = (_options.To - _options.From).TotalDays / 7;
        var chart = Enumerable.Range(0, _buckets)
            .Select(i => new ChartPoint(BucketStart(i), _bucketMin[i], _bucketMax[i]))
            .ToList();
        return new StopLossBacktest(
            _watcher.Condition,
            _watcher.Action,
            _watcher.Measurement is { } measurement ? PrometheusDialect.QueryOver(measurement, _watcher.Window) : "",
            _evaluations,
            _withValue,
            _problems.OrderBy(p => p.Key).ToDictionary(p => p.Key, p => p.Value),
            _firstProblem,
            _firings.ToList(),
            Enumerable.Range(0, _options.Incidents.Count).Select(i => new IncidentDetection(_options.Incidents[i], _detected[i], _insideExtreme[i])).ToList(),
            falseAlarms,
            weeks > 0 ? falseAlarms / weeks : 0,
            ThresholdSuggestion.For(_watcher.Condition.Comparison, show, _outsideExtreme, _insideExtreme),
            chart);
    }

    private void Close()
    {
        if (_open is null) return;
        _firings.Add(_open);
        _open = null;
    }

    private double? Extreme(double? current, double value) =>
        current is not { } c ? value : _up ? Math.Max(c, value) : Math.Min(c, value);

    private void Chart(DateTimeOffset at, double value)
    {
        var span = (_options.To - _options.From).Ticks;
        var bucket = span <= 0 ? 0 : (int)Math.Min(_buckets - 1, (at - _options.From).Ticks * _buckets / span);
        _bucketMin[bucket] = _bucketMin[bucket] is { } min ? Math.Min(min, value) : value;
        _bucketMax[bucket] = _bucketMax[bucket] is { } max ? Math.Max(max, value) : value;
    }

    private DateTimeOffset BucketStart(int bucket) =>
        _options.From + TimeSpan.FromTicks((_options.To - _options.From).Ticks * bucket / _buckets);
}
