using System;
using System.Collections.Generic;
using System.Linq;
using Rollout.Dsl;
using Rollout.Dsl.Dialects;
using Rollout.Gates.Backtest;
using Rollout.Semantics;

namespace Rollout.Gates.Tests.Backtest;

/// <summary>
/// A range answer read at one moment gives the reading a live instant query would: the same problems, with the same
/// words (<see cref="PrometheusAnswer"/>), and the tick grid cuts a period under the server's limit of points.
/// </summary>
public sealed class PrefetchedHistoryTests
{
    private static readonly Measurement ErrorRate = new() { Metric = new Metric { Name = "error_rate", Unit = MetricUnit.Percent }, Query = "sum(rate(errors[$window]))" };
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeSeconds(1_790_000_000);

    private static Reading Read(string body, DateTimeOffset at)
    {
        var ranges = new Dictionary<string, PrometheusRange> { [PrometheusDialect.QueryOver(ErrorRate, Window)] = PrometheusRange.Parse(body, 200) };
        return new PrefetchedHistory(ranges, "the test's span").ReadAsync(new MeasurementRequest(ErrorRate.Metric!, ErrorRate, Window, at)).AsTask().GetAwaiter().GetResult();
    }

    private static string Matrix(params string[] series) => "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[" + string.Join(",", series) + "]}}";

    private static string Series(string labels, params (long Seconds, string Value)[] samples) =>
        "{\"metric\":" + labels + ",\"values\":[" + string.Join(",", samples.Select(s => "[" + s.Seconds + ",\"" + s.Value + "\"]")) + "]}";

    private static readonly long S = T0.ToUnixTimeSeconds();

    [Fact]
    public async System.Threading.Tasks.Task A_measurement_for_another_source_reads_as_an_error_and_is_never_looked_up_as_a_prometheus_query()
    {
        // Nothing was fetched for it: before the source was checked, this was an InvalidOperationException.
        var datadog = ErrorRate with { Source = "datadog" };
        var history = new PrefetchedHistory(new Dictionary<string, PrometheusRange>(), "the test's span");

        var reading = await history.ReadAsync(new MeasurementRequest(datadog.Metric, datadog, Window, T0));

        Assert.Equal(ReadingProblem.Error, reading.Problem);
        Assert.Equal("the plan measures error_rate in 'datadog', and this tool queries Prometheus only", reading.Detail);
        Assert.Equal("measurement of 'error_rate' is for source 'datadog', but rollout gate queries Prometheus only; measure it in Prometheus (leave out source:) or evaluate the plan with a tool for datadog.",
            PrometheusOnly.Refusal(new RolloutPlan { Id = "p", Measurements = [ErrorRate, datadog] }, "rollout gate"));
        Assert.Null(PrometheusOnly.Refusal(new RolloutPlan { Id = "p", Measurements = [ErrorRate] }, "rollout gate"));
    }

    [Fact]
    public void A_point_at_the_moment_is_its_value()
    {
        var reading = Read(Matrix(Series("{}", (S, "0.25"), (S + 60, "0.5"))), T0.AddMinutes(1));

        Assert.Equal(0.5, reading.Value);
    }

    [Fact]
    public void No_point_at_the_moment_is_no_data_in_the_live_words()
    {
        var reading = Read(Matrix(Series("{}", (S, "0.25"))), T0.AddMinutes(1));

        Assert.Equal(ReadingProblem.NoData, reading.Problem);
        Assert.Equal(PrometheusAnswer.NoSeries().Problem, reading.Detail);
    }

    [Fact]
    public void No_point_at_the_moment_after_values_is_stale_in_the_live_words()
    {
        var reading = Read(Matrix(Series("{}", (S, "0.25"), (S + 60, "0.25"), (S + 300, "0.25"))), T0.AddMinutes(10));

        Assert.Equal(ReadingProblem.Stale, reading.Problem);
        Assert.Equal(PrometheusClient.StoppedReporting(T0.AddMinutes(10), T0.AddMinutes(5)).Problem, reading.Detail);
        Assert.StartsWith("stale: the query's newest value is from ", reading.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_series_at_the_moment_are_several_series_and_nan_is_no_data()
    {
        var several = Read(Matrix(Series("{\"status\":\"500\"}", (S, "1")), Series("{\"status\":\"503\"}", (S, "2"))), T0);
        var nan = Read(Matrix(Series("{}", (S, "NaN"))), T0);

        Assert.Equal(ReadingProblem.SeveralSeries, several.Problem);
        Assert.Equal("2 series where one was expected (first: {\"status\":\"500\"}); aggregate the query, e.g. with sum(...)", several.Detail);
        Assert.Equal(ReadingProblem.NoData, nan.Problem);
        Assert.Equal(PrometheusAnswer.ValueOf("NaN").Problem, nan.Detail);
        Assert.Equal("the value is NaN, not a finite number", nan.Detail);
    }

    [Fact]
    public void A_rejected_range_query_is_an_error_at_every_moment_it_covers()
    {
        var reading = Read("{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error\"}", T0);

        Assert.Equal(ReadingProblem.Error, reading.Problem);
        Assert.Equal("Prometheus rejected the query (bad_data): parse error (range query over the test's span)", reading.Detail);
    }

    [Fact]
    public void The_grid_is_cut_into_chunks_of_at_most_the_limit()
    {
        var grid = new TickGrid(T0, T0.AddMinutes(30_000), TimeSpan.FromMinutes(1));

        var chunks = grid.Chunks(PrometheusRange.MaxPointsPerSeries).ToList();

        Assert.Equal(30_001, grid.Count);
        Assert.Equal(new[] { (0L, 11_000), (11_000L, 11_000), (22_000L, 8_001) }, chunks);
        Assert.Equal(T0.AddMinutes(22_000), grid.At(chunks[2].First));
    }
}
