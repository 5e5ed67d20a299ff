using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using Rollout.Export.Tests.Infrastructure;

namespace Rollout.Export.Tests.Engines;

/// <summary>
/// One Argo Rollouts AnalysisRun over time, as argoproj/argo-rollouts analysis/analysis.go runs it:
/// generateMetricTasks (when a measurement is due), runMeasurements (the counters), assessMetricStatus /
/// assessMetricFailureInconclusiveOrError (a metric's phase) and assessRunStatus (the run's phase).
/// Measurements are judged by the real expr library (<see cref="ArgoMeasurement"/>).
/// </summary>
public sealed class ArgoAnalysisRun
{
    /// <summary>analysis/analysis.go DefaultErrorRetryInterval.</summary>
    public static readonly TimeSpan ErrorRetry = TimeSpan.FromSeconds(10);

    private readonly List<MetricRun> _metrics;

    public ArgoAnalysisRun(IEnumerable<JsonNode> metrics, ISet<string> dryRun, DateTimeOffset startedAt)
    {
        StartedAt = startedAt;
        _metrics = metrics.Select(m => new MetricRun(m, dryRun.Contains((string)m["name"]!))).ToList();
    }

    public DateTimeOffset StartedAt { get; }

    /// <summary>Running, or the completed phase: Successful, Failed, Inconclusive, Error.</summary>
    public string Phase { get; private set; } = "Running";

    public bool Completed => Phase != "Running";

    /// <summary>Takes every measurement due at <paramref name="now"/>, then assesses the run.</summary>
    public void Advance(DateTimeOffset now, FakePrometheus prometheus)
    {
        if (Completed) return;
        var terminating = Terminating;
        foreach (var metric in _metrics.Where(m => !m.Completed && !terminating && m.DueAt(StartedAt) <= now))
            metric.Measure(now, prometheus);
        Assess();
    }

    /// <summary>When the next measurement is due (null when none will be).</summary>
    public DateTimeOffset? NextDue => Completed ? null : _metrics.Where(m => !m.Completed).Select(m => (DateTimeOffset?)m.DueAt(StartedAt)).Min();

    // utils/analysis/helpers.go IsTerminating: a live metric that is Failed, Error or Inconclusive ends the run.
    private bool Terminating => _metrics.Any(m => !m.DryRun && m.Phase is "Failed" or "Error" or "Inconclusive");

    // analysis/analysis.go assessRunStatus.
    private void Assess()
    {
        var terminating = Terminating;
        foreach (var metric in _metrics) metric.Assess(terminating);
        terminating = Terminating;
        foreach (var metric in _metrics) metric.Assess(terminating);
        if (!terminating && _metrics.Any(m => !m.Completed)) return;
        var worst = "";
        foreach (var metric in _metrics.Where(m => !m.DryRun))
        {
            if (worst == "" || Rank(metric.Phase) > Rank(worst)) worst = metric.Phase;
        }
        Phase = worst == "" || worst == "Running" ? "Successful" : worst;
    }

    // analysisutil.IsWorse: Successful < Inconclusive < Error < Failed.
    private static int Rank(string phase) => phase switch
    {
        "Successful" => 0,
        "Inconclusive" => 1,
        "Error" => 2,
        "Failed" => 3,
        _ => -1,
    };

    private sealed class MetricRun
    {
        private readonly string? _success;
        private readonly string? _failure;
        private readonly string _query;
        private readonly TimeSpan? _interval;
        private readonly TimeSpan _initialDelay;
        private readonly int? _count;
        private readonly int _failureLimit;
        private readonly int _inconclusiveLimit;
        private readonly int _consecutiveErrorLimit;
        private readonly int _consecutiveSuccessLimit;
        private int _taken;
        private int _failed;
        private int _inconclusive;
        private int _consecutiveError;
        private int _consecutiveSuccess;
        private DateTimeOffset? _lastFinished;
        private bool _lastWasError;

        public MetricRun(JsonNode metric, bool dryRun)
        {
            DryRun = dryRun;
            _success = (string?)metric["successCondition"];
            _failure = (string?)metric["failureCondition"];
            _query = (string)metric["provider"]!["prometheus"]!["query"]!;
            _interval = metric["interval"] is { } i ? GoDuration.Parse((string)i!) : null;
            _initialDelay = metric["initialDelay"] is { } d ? GoDuration.Parse((string)d!) : TimeSpan.Zero;
            // Metric.EffectiveCount: count; else 1 without an interval; else none (runs indefinitely).
            _count = metric["count"] is { } c ? (int)(long)c : _interval is null ? 1 : null;
            _failureLimit = Int(metric, "failureLimit", 0);
            _inconclusiveLimit = Int(metric, "inconclusiveLimit", 0);
            _consecutiveErrorLimit = Int(metric, "consecutiveErrorLimit", 4); // utils/defaults DefaultConsecutiveErrorLimit
            _consecutiveSuccessLimit = Int(metric, "consecutiveSuccessLimit", 0);
        }

        public bool DryRun { get; }

        public string Phase { get; private set; } = "Pending";

        public bool Completed => Phase is "Successful" or "Failed" or "Inconclusive" or "Error";

        // generateMetricTasks: the first measurement after initialDelay; then lastFinished + interval (10 s after an error).
        public DateTimeOffset DueAt(DateTimeOffset startedAt)
        {
            if (_lastFinished is not { } last) return startedAt + _initialDelay;
            if (_count is { } count && _taken >= count) return DateTimeOffset.MaxValue;
            return last + (_lastWasError ? ErrorRetry : _interval ?? ErrorRetry);
        }

        // runMeasurements: the provider's phase, then the counters.
        public void Measure(DateTimeOffset now, FakePrometheus prometheus)
        {
            var answer = prometheus.Query(_query, now);
            var phase = answer.Error ? MeasurementPhase.Error : ArgoMeasurement.Phase(_success, _failure, answer.Series);
            _lastFinished = now;
            _lastWasError = phase == MeasurementPhase.Error;
            switch (phase)
            {
                case MeasurementPhase.Successful:
                    _taken++;
                    _consecutiveError = 0;
                    _consecutiveSuccess++;
                    break;
                case MeasurementPhase.Failed:
                    _taken++;
                    _failed++;
                    _consecutiveError = 0;
                    _consecutiveSuccess = 0;
                    break;
                case MeasurementPhase.Inconclusive:
                    _taken++;
                    _inconclusive++;
                    _consecutiveError = 0;
                    _consecutiveSuccess = 0;
                    break;
                default:
                    _consecutiveError++;
                    _consecutiveSuccess = 0;
                    break;
            }
            if (Phase == "Pending") Phase = "Running";
        }

        // assessMetricStatus and assessMetricFailureInconclusiveOrError.
        public void Assess(bool terminating)
        {
            if (Completed) return;
            if (_lastFinished is null)
            {
                if (terminating) Phase = "Successful";
                return;
            }
            var phase = "";
            if (_failureLimit >= 0 && _failed > _failureLimit) phase = "Failed";
            if (_inconclusive > _inconclusiveLimit) phase = "Inconclusive";
            if (_consecutiveError > _consecutiveErrorLimit) phase = "Error";
            if (phase != "")
            {
                Phase = phase;
                return;
            }
            if (_consecutiveSuccessLimit > 0 && _consecutiveSuccess >= _consecutiveSuccessLimit)
            {
                Phase = "Successful";
                return;
            }
            if (_count is { } count && _taken >= count)
            {
                var failureApplicable = _failureLimit >= 0;
                var successApplicable = _consecutiveSuccessLimit > 0;
                Phase = failureApplicable && successApplicable ? "Inconclusive" : successApplicable ? "Failed" : "Successful";
                return;
            }
            if (terminating) Phase = "Successful";
        }

        private static int Int(JsonNode metric, string name, int fallback) =>
            metric[name] is { } value ? (int)(long)value : fallback;
    }
}
