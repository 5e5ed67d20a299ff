using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Rollout.Cli.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Rollout.Cli.Tests.Backtest;

/// <summary>
/// `rollout backtest` over three weeks of real Prometheus history, its findings checked against what
/// <see cref="IndependentReplay"/> computes from the raw samples (never from the product's code).
/// </summary>
public sealed class BacktestHistoryTests : IClassFixture<BacktestPrometheus>
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan CanaryWindow = TimeSpan.FromMinutes(30);

    // Evaluations half a minute after each scrape, so no sample sits on a window's edge.
    private static readonly DateTimeOffset From = WeeksOfHistory.Start.AddHours(1).AddSeconds(30);
    private static readonly DateTimeOffset To = WeeksOfHistory.End.AddHours(-1).AddSeconds(30);

    private readonly BacktestPrometheus _prometheus;
    private readonly ITestOutputHelper _log;

    public BacktestHistoryTests(BacktestPrometheus prometheus, ITestOutputHelper log)
    {
        _prometheus = prometheus;
        _log = log;
        _log.WriteLine("history seed: " + WeeksOfHistory.Seed);
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Incident(DateTimeOffset from, DateTimeOffset to) => Iso(from) + ".." + Iso(to);

    private CliResult Backtest(params string[] more)
    {
        var result = Tool.Run(new[] { "backtest", _prometheus.Plan, "--prometheus", _prometheus.Url }.Concat(more).ToArray());
        _log.WriteLine(result.ToString().Length > 4000 ? result.ToString().Substring(0, 4000) : result.ToString());
        return result;
    }

    private static IEnumerable<DateTimeOffset> Moments()
    {
        for (var t = From; t <= To; t += Every) yield return t;
    }

    [Fact]
    public void Three_weeks_replayed_match_an_independent_calculation_from_the_raw_samples()
    {
        var incidents = new[] { (WeeksOfHistory.SpikeFrom, WeeksOfHistory.SpikeTo), (WeeksOfHistory.BurnFrom, WeeksOfHistory.BurnTo) };
        var result = Backtest("--from", Iso(From), "--to", Iso(To), "--stage", "canary", "--format", "json",
            "--incident", Incident(incidents[0].Item1, incidents[0].Item2), "--incident", Incident(incidents[1].Item1, incidents[1].Item2));

        using var report = JsonDocument.Parse(result.Output);
        var root = report.RootElement;
        var history = _prometheus.History;
        var moments = Moments().ToList();
        Assert.True(moments.Count > 2 * 11_000, "the period needs several range queries per measurement");
        Assert.Equal(3 * 3, root.GetProperty("rangeQueries").GetInt32()); // 3 chunks x (2 stop-loss queries + the canary gate's)

        var expectedExit = 0;
        var stopLosses = root.GetProperty("stopLosses");
        var readers = new Func<DateTimeOffset, double?>[]
        {
            t => IndependentReplay.ErrorRate(history, t, Window),
            t => IndependentReplay.PaymentErrors(history, t, Window),
        };
        var thresholds = new[] { 0.5, 5.0 };
        for (var s = 0; s < 2; s++)
        {
            var actual = stopLosses[s];
            var readings = moments.Select(t => (t, readers[s](t))).ToList();
            var threshold = thresholds[s];
            Assert.Equal(threshold, actual.GetProperty("threshold").GetDouble());
            var firings = IndependentReplay.Firings(readings, v => v > threshold);
            bool InIncident(DateTimeOffset t) => incidents.Any(i => t >= i.Item1 && t <= i.Item2 + Window);

            // Every firing, with its start, end and value.
            var actualFirings = actual.GetProperty("firings").EnumerateArray().ToList();
            Assert.Equal(firings.Select(f => Iso(f.Start) + ".." + Iso(f.End)), actualFirings.Select(f => f.GetProperty("at").GetString() + ".." + f.GetProperty("until").GetString()));
            for (var f = 0; f < firings.Count; f++) Assert.Equal(firings[f].Value, actualFirings[f].GetProperty("value").GetDouble(), 6);

            // Gaps hold (no value), as live: the scrape gap and nothing else. Live, a query that matches nothing after it had
            // values is stale (the source stopped reporting), and every moment of the gap follows values.
            var withoutValue = readings.Count(r => r.Item2 is null);
            Assert.True(withoutValue > 0, "the scrape gap leaves moments without a value");
            Assert.Equal(moments.Count - withoutValue, actual.GetProperty("withValue").GetInt64());
            Assert.Equal(withoutValue, actual.GetProperty("withoutValue").GetProperty("stale").GetInt64());

            // Detection per incident: the first crossed moment in its span.
            var detections = actual.GetProperty("incidents").EnumerateArray().ToList();
            for (var i = 0; i < incidents.Length; i++)
            {
                var first = readings.FirstOrDefault(r => r.t >= incidents[i].Item1 && r.t <= incidents[i].Item2 + Window && r.Item2 > threshold);
                Assert.Equal(first.Item2 is null ? null : Iso(first.t), detections[i].GetProperty("detectedAt").GetString());
            }

            // False alarms: firings starting outside every incident's span.
            var falseAlarms = firings.Count(f => !InIncident(f.Start));
            Assert.Equal(falseAlarms, actual.GetProperty("falseAlarms").GetInt32());
            if (falseAlarms > 0) expectedExit = 1;

            // The suggestion: the highest reading outside the incidents, if every incident's highest reading lies above it.
            var outside = readings.Where(r => r.Item2 is not null && !InIncident(r.t)).Max(r => r.Item2!.Value);
            var weakest = incidents.Min(i => readings.Where(r => r.Item2 is not null && r.t >= i.Item1 && r.t <= i.Item2 + Window).Max(r => r.Item2!.Value));
            var suggestion = actual.GetProperty("suggestion");
            _log.WriteLine("stop-loss " + s + ": outside max " + outside + ", weakest incident max " + weakest + "; " + suggestion.GetProperty("statement").GetString());
            if (weakest > outside)
            {
                var suggested = suggestion.GetProperty("threshold").GetDouble();
                Assert.InRange(suggested, outside, outside * 1.01);
                Assert.True(weakest > suggested);
            }
            else
            {
                Assert.Equal(JsonValueKind.Null, suggestion.GetProperty("threshold").ValueKind);
            }
        }

        // An incident is caught when any stop-loss caught it.
        for (var i = 0; i < incidents.Length; i++)
        {
            if (stopLosses.EnumerateArray().All(s => s.GetProperty("incidents")[i].GetProperty("detectedAt").ValueKind == JsonValueKind.Null)) expectedExit = 1;
        }
        // The blip on a healthy day is a false alarm of the error-rate stop-loss, and the slow burn is caught late: the data says so.
        Assert.True(stopLosses[0].GetProperty("falseAlarms").GetInt32() >= 1);
        Assert.Equal(expectedExit, result.ExitCode);

        // The canary's gate (error rate < 0.1 % over 30 min) held wherever the independent error rate is not below 0.1 %, or missing.
        var held = moments.Count(t => IndependentReplay.ErrorRate(history, t, CanaryWindow) is not { } v || !(v < 0.1));
        var stage = root.GetProperty("stages")[0];
        Assert.Equal("canary", stage.GetProperty("stage").GetString());
        Assert.Equal(held, stage.GetProperty("held").GetInt64());
    }
}
