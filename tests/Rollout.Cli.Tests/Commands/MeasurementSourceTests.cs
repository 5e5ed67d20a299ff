using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Rollout.Cli.Tests.Infrastructure;
using Rollout.Dsl;
using Rollout.Plans;

namespace Rollout.Cli.Tests.Commands;

/// <summary>
/// A plan whose measurement names another metric backend than Prometheus: the plan file says so (and reads back), the
/// commands that query Prometheus refuse it before they query anything (exit 2, one line naming the measurement and the
/// source), the diff calls the move away from Prometheus riskier, and the engine exports warn with an approximation (which --strict refuses).
/// </summary>
public sealed class MeasurementSourceTests : IDisposable
{
    private readonly TempFolder _folder = new("rollout-source");

    public void Dispose() => _folder.Dispose();

    private static RolloutPlan Checkout()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Tool.SamplePlan("new-checkout-flow")));
        return PlanJsonReader.Read(document.RootElement);
    }

    /// <summary>The sample checkout plan with its error rate measured in Datadog.</summary>
    private string DatadogPlan()
    {
        var plan = Checkout();
        plan = plan with { Measurements = plan.Measurements.Select(m => m.Metric.Name == "error_rate" ? m with { Source = "datadog" } : m).ToArray() };
        return _folder.Write("datadog.plan.json", plan.ToJson());
    }

    [Fact]
    public void The_plan_file_names_the_source_only_when_it_is_not_prometheus_and_reads_it_back()
    {
        var file = DatadogPlan();
        var json = File.ReadAllText(file);
        using var document = JsonDocument.Parse(json);
        var measurements = document.RootElement.GetProperty("measurements").EnumerateArray().ToList();

        Assert.Equal("datadog", measurements.Single(m => m.GetProperty("metric").GetString() == "error_rate").GetProperty("source").GetString());
        Assert.All(measurements.Where(m => m.GetProperty("metric").GetString() != "error_rate"), m => Assert.False(m.TryGetProperty("source", out _)));
        // The condition's "query" is the query as Prometheus runs it: absent for a metric measured elsewhere.
        var gate = document.RootElement.GetProperty("stages")[0].GetProperty("advanceWhen").EnumerateArray().Single(c => c.GetProperty("metric").GetString() == "error_rate");
        Assert.False(gate.TryGetProperty("query", out _));
        Assert.Equal("datadog", PlanJsonReader.Read(document.RootElement).Measurements.Single(m => m.Metric.Name == "error_rate").Source);
        Assert.Equal(0, Tool.Run("validate", file).ExitCode);
    }

    [Theory]
    [InlineData("gate", "--stage", "canary")]
    [InlineData("backtest", "--from", "2026-11-01T00:00:00Z", "--to", "2026-11-02T00:00:00Z")]
    public void Commands_that_query_Prometheus_refuse_another_source_in_one_line(string command, params string[] more)
    {
        // A bound socket that never listens: if the refusal came after connecting, the error line would say so instead.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var address = "http://127.0.0.1:" + ((IPEndPoint)socket.LocalEndPoint!).Port;
        var file = DatadogPlan();

        var result = Tool.Run(new[] { command, file, "--prometheus", address }.Concat(more).ToArray());

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Output);
        Assert.Equal("rollout: " + file + ": measurement of 'error_rate' is for source 'datadog', but rollout " + command + " queries Prometheus only; "
            + "measure it in Prometheus (leave out source:) or evaluate the plan with a tool for datadog.\n", result.Error);
    }

    [Fact]
    public void Moving_a_measurement_away_from_prometheus_is_a_riskier_change()
    {
        var result = Tool.Run("diff", Tool.SamplePlan("new-checkout-flow"), DatadogPlan());

        Assert.True(result.ExitCode == 3, result.ToString());
        Assert.Contains("measurements[error_rate].source: metric backend changed from prometheus to datadog", result.Output);
    }

    [Theory]
    [InlineData("argo")]
    [InlineData("flagger")]
    public void Engine_exports_warn_about_another_source_as_an_approximation(string engine)
    {
        var where = new[] { "--workload", "Deployment/checkout", "--service", "checkout:8080", "--namespace", "shop", "--prometheus-address", "http://prometheus.monitoring:9090" };
        var file = DatadogPlan();
        var output = Path.Combine(_folder.Path, engine);

        var warned = Tool.Run(new[] { "export", engine, file, "-o", output, "--format", "json" }.Concat(where).ToArray());

        Assert.True(warned.ExitCode == 0, warned.ToString());
        using var report = JsonDocument.Parse(warned.Output);
        var warning = report.RootElement.GetProperty("warnings").EnumerateArray().Single(w => w.GetProperty("subject").GetString() == "measurement error_rate");
        // An approximation is what --strict refuses (the sample's audiences already make it refuse, so the kind is the proof).
        Assert.Equal("approximation", warning.GetProperty("kind").GetString());
        Assert.Contains("'datadog'", warning.GetProperty("message").GetString());
    }
}
