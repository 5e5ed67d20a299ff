using System;
using System.Linq;
using System.Text.Json;
using Rollout.Dsl.Dialects;

namespace Rollout.Dsl.Tests.Rendering;

/// <summary>
/// A measurement names the metric backend its query is for (<c>Measure(..., source: "datadog")</c>); Prometheus when
/// it does not say. Prometheus's dialect fills in the window only for Prometheus queries; the plan file and the runbook
/// say when a query is for another backend.
/// </summary>
public class MeasurementSourceTests
{
    private const string DatadogQuery = "sum:trace.http.request.errors{service:ledger}.as_rate().rollup(avg, $window)";

    private static RolloutPlan LedgerIn(string source) =>
        RolloutPlan.Create("ledger")
            .Owner("payments")
            .Measure(Signal.ErrorRate, DatadogQuery, source: source)
            .Stage("canary", s => s.Traffic(5).Observe(TimeSpan.FromMinutes(30)).AdvanceWhen(Signal.ErrorRate.Below(0.1)))
            .Stage("all", s => s.Traffic(100))
            .StopLoss(Signal.ErrorRate.Above(1), StopLossAction.Rollback)
            .Build();

    [Fact]
    public void A_measurement_is_for_prometheus_unless_it_names_another_source()
    {
        var unnamed = RolloutPlan.Create("x").Measure(Signal.ErrorRate, "rate(x[$window])").Build().Measurements.Single();
        var datadog = LedgerIn("datadog").Measurements.Single();

        Assert.Equal("prometheus", unnamed.Source);
        Assert.True(PrometheusDialect.IsFor(unnamed));
        Assert.Equal("datadog", datadog.Source);
        Assert.False(PrometheusDialect.IsFor(datadog));
        Assert.NotEqual(unnamed with { Query = DatadogQuery }, datadog);
        Assert.Throws<ArgumentNullException>(() => RolloutPlan.Create("x").Measure(Signal.ErrorRate, "q", source: null!));
        Assert.Throws<ArgumentNullException>(() => unnamed with { Source = null! });
        var blank = Assert.Throws<ArgumentException>(() => RolloutPlan.Create("x").Measure(Signal.ErrorRate, "q", source: " "));
        Assert.Contains("leave source out for Prometheus", blank.Message);
    }

    [Fact]
    public void The_plan_json_writes_the_source_only_when_it_is_not_prometheus_and_no_prometheus_query_for_it()
    {
        using var prometheus = JsonDocument.Parse(LedgerIn("prometheus").ToJson());
        using var datadog = JsonDocument.Parse(LedgerIn("datadog").ToJson());

        Assert.False(prometheus.RootElement.GetProperty("measurements")[0].TryGetProperty("source", out _));
        Assert.Equal("datadog", datadog.RootElement.GetProperty("measurements")[0].GetProperty("source").GetString());
        Assert.Equal(DatadogQuery.Replace("$window", "30m"), prometheus.RootElement.GetProperty("stages")[0].GetProperty("advanceWhen")[0].GetProperty("query").GetString());
        Assert.False(datadog.RootElement.GetProperty("stages")[0].GetProperty("advanceWhen")[0].TryGetProperty("query", out _));
        Assert.False(datadog.RootElement.GetProperty("stopLoss")[0].GetProperty("when").TryGetProperty("query", out _));
        PlanSchema.AssertValid(datadog.RootElement.GetRawText());
    }

    [Fact]
    public void The_runbook_shows_a_query_for_another_source_as_written_and_names_the_source()
    {
        var prometheus = LedgerIn("prometheus").ToRunbook();
        var datadog = LedgerIn("datadog").ToRunbook();

        Assert.Contains("```promql\n" + DatadogQuery.Replace("$window", "30m") + "\n```", prometheus);
        Assert.DoesNotContain("```promql", datadog);
        Assert.Contains("Measured in datadog, where \\$window stands for the window above:\n\n```\n" + DatadogQuery + "\n```", datadog);
    }

    [Fact]
    public void ROLL025_reads_the_source_as_free_text()
    {
        var finding = Assert.Single(LedgerIn("data\ndog").Validate(), f => f.RuleId == "ROLL025");

        Assert.Equal("measurements[0]", finding.Path);
        Assert.DoesNotContain(LedgerIn("datadog").Validate(), f => f.RuleId == "ROLL025");

        Assert.Contains("the source of measurement #1", finding.Message);
    }
}
