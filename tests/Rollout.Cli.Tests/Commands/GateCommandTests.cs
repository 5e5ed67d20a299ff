using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using Rollout.Cli.Tests.Infrastructure;
using Rollout.Gates.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Rollout.Cli.Tests.Commands;

/// <summary>One real Prometheus with five hours of history for every `rollout gate` test.</summary>
public sealed class GatePrometheus : IDisposable
{
    public GatePrometheus() => Server = PrometheusServer.Start(History.OpenMetrics(DateTimeOffset.UtcNow));

    public PrometheusServer Server { get; }

    public string Url => Server.Address.AbsoluteUri.TrimEnd('/');

    public void Dispose() => Server.Dispose();
}

/// <summary>
/// `rollout gate` as a pipeline runs it: the sample's committed plan.json (or the same plan measured on
/// another service of the history), a real Prometheus, the exit code and the printed decision table.
/// </summary>
public sealed class GateCommandTests : IClassFixture<GatePrometheus>, IDisposable
{
    private readonly GatePrometheus _prometheus;
    private readonly ITestOutputHelper _log;
    private readonly TempFolder _folder = new("rollout-gate-tests");

    public GateCommandTests(GatePrometheus prometheus, ITestOutputHelper log)
    {
        _prometheus = prometheus;
        _log = log;
    }

    public void Dispose() => _folder.Dispose();

    private CliResult Gate(string plan, string stage, params string[] more)
    {
        var result = Tool.Run(new[] { "gate", plan, "--stage", stage, "--prometheus", _prometheus.Url, "--timeout", "20s" }.Concat(more).ToArray());
        _log.WriteLine(result.ToString());
        return result;
    }

    private static string Checkout => Tool.SamplePlan("new-checkout-flow");

    /// <summary>The sample checkout plan.json with its queries pointed at another service of the history (and optionally another stop-loss action).</summary>
    private string CheckoutOn(string service, string? action = null)
    {
        var json = File.ReadAllText(Checkout).Replace("service=\\\"checkout\\\"", "service=\\\"" + service + "\\\"", StringComparison.Ordinal);
        if (action is not null) json = json.Replace("\"action\": \"rollback\"", "\"action\": \"" + action + "\"", StringComparison.Ordinal);
        return _folder.Write(service + (action ?? "") + ".plan.json", json);
    }

    [Fact]
    public void A_healthy_service_advances_with_exit_0_and_a_line_per_check()
    {
        var result = Gate(Checkout, "staged");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.TrimEnd('\n').Split('\n');
        Assert.StartsWith("rollout gate: plan new-checkout-flow, stage staged, at ", lines[0], StringComparison.Ordinal);
        Assert.Equal(7, lines.Length);
        Assert.StartsWith("stop-loss  error_rate > 0.5 %  observed 0.02 %  clear  query: 100 * sum(rate(", lines[1], StringComparison.Ordinal);
        Assert.Contains("[5m]", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("stop-loss  payment_errors > 5  observed 0  clear", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("advance gate  error_rate < 0.1 %  observed 0.02 %  pass", lines[3], StringComparison.Ordinal);
        Assert.Contains("[4h]", lines[3], StringComparison.Ordinal);
        Assert.Matches("^advance gate  latency_p99 < 400 ms  observed 19[0-9](\\.[0-9]+)? ms  pass", lines[4]);
        Assert.StartsWith("advance gate  payment_errors <= 0  observed 0  pass", lines[5], StringComparison.Ordinal);
        Assert.Equal("decision: advance (exit 0): all 2 stop-loss(es) clear and all 3 advance gate(s) pass", lines[6]);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void A_crossed_stop_loss_rolls_back_with_exit_20()
    {
        var result = Gate(CheckoutOn("burning"), "canary");

        Assert.Equal(20, result.ExitCode);
        Assert.Matches("stop-loss  error_rate > 0.5 %  observed 2\\.[0-9]+ %  crossed", result.Output);
        Assert.Contains("decision: roll back (exit 20): stop-loss crossed: error_rate > 0.5 %", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_crossed_stop_loss_whose_action_is_halt_halts_with_exit_30()
    {
        var result = Gate(CheckoutOn("burning", "halt"), "canary");

        Assert.Equal(30, result.ExitCode);
        Assert.Contains("decision: halt (exit 30): stop-loss crossed: error_rate > 0.5 %", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failing_gate_holds_with_exit_10()
    {
        var result = Gate(CheckoutOn("slow"), "canary");

        Assert.Equal(10, result.ExitCode);
        Assert.Matches("advance gate  latency_p99 < 400 ms  observed 7[0-9]{2}(\\.[0-9]+)? ms  fail", result.Output);
        Assert.Contains("decision: hold (exit 10): advance gate not met: latency_p99 < 400 ms", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_metric_without_series_holds_and_says_so()
    {
        var result = Gate(CheckoutOn("ghost"), "canary");

        Assert.Equal(10, result.ExitCode);
        Assert.Equal(4, result.Output.Split('\n').Count(line => line.Contains("  observed -  no data (no series: the query matched nothing in the last 24 h", StringComparison.Ordinal)));
        Assert.Contains("decision: hold (exit 10): stop-loss error_rate > 0.5 % could not be evaluated", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stage_whose_time_has_not_run_holds_with_the_time_left()
    {
        var started = DateTimeOffset.UtcNow.AddMinutes(-10).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var result = Gate(Checkout, "canary", "--started-at", started);

        Assert.Equal(10, result.ExitCode);
        Assert.Matches("decision: hold \\(exit 10\\): stage 'canary' must run (19|20) min( [0-9]+ s)? longer before it may advance", result.Output);
    }

    [Fact]
    public void A_stopped_Prometheus_holds_never_advances()
    {
        using var stopped = PrometheusServer.Start(History.OpenMetrics(DateTimeOffset.UtcNow));
        var url = stopped.Address.AbsoluteUri;
        stopped.Stop();

        var result = Tool.Run("gate", Checkout, "--stage", "staged", "--prometheus", url, "--timeout", "20s");
        _log.WriteLine(result.ToString());

        Assert.Equal(10, result.ExitCode);
        Assert.Equal(5, result.Output.Split('\n').Count(line => line.Contains("no data (Prometheus at " + url + " is unreachable", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_wrong_URL_holds_with_the_servers_answer()
    {
        var result = Tool.Run("gate", Checkout, "--stage", "canary", "--prometheus", _prometheus.Url + "/not-prometheus");
        _log.WriteLine(result.ToString());

        Assert.Equal(10, result.ExitCode);
        Assert.Contains("no data (HTTP 404 Not Found from " + _prometheus.Url + "/not-prometheus/api/v1/query: HTTP 404 with a body that is not a Prometheus API answer (is the URL the Prometheus server?): 404 page not found)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_query_Prometheus_rejects_holds_with_the_servers_error_text()
    {
        var json = File.ReadAllText(Checkout).Replace("(rate(http_server_request_duration_seconds_bucket{service=\\\"checkout\\\"}[$window])))", "(rate(http_server_request_duration_seconds_bucket{service=\\\"checkout\\\"}[$window]))", StringComparison.Ordinal);
        var result = Gate(_folder.Write("rejected.plan.json", json), "canary");

        Assert.Equal(10, result.ExitCode);
        Assert.Contains("no data (HTTP 400 Bad Request from ", result.Output, StringComparison.Ordinal);
        Assert.Contains(": Prometheus rejected the query (bad_data): invalid parameter \"query\": 1:", result.Output, StringComparison.Ordinal);
        Assert.Contains("parse error: unclosed left parenthesis", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_and_markdown_reports_carry_the_decision_table()
    {
        var json = Gate(Checkout, "canary", "--format", "json");
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(json.Output);
        var root = document.RootElement;
        Assert.Equal("advance", root.GetProperty("decision").GetString());
        Assert.Equal(0, root.GetProperty("exitCode").GetInt32());
        var checks = root.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(new[] { "clear", "clear", "pass", "pass" }, checks.Select(c => c.GetProperty("verdict").GetString()));
        Assert.Equal("PT30M", checks[2].GetProperty("window").GetString());
        Assert.Contains("[30m]", checks[2].GetProperty("query").GetString(), StringComparison.Ordinal);

        var markdown = Gate(Checkout, "canary", "--format", "markdown");
        Assert.Equal(0, markdown.ExitCode);
        Assert.Contains("**Decision: advance** (exit 0)", markdown.Output, StringComparison.Ordinal);
        Assert.Contains("| check | metric | threshold | observed | verdict | query |", markdown.Output, StringComparison.Ordinal);
        Assert.Equal(4, markdown.Output.Split('\n').Count(line => line.StartsWith("| stop-loss |", StringComparison.Ordinal) || line.StartsWith("| advance gate |", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("--stage", "nope", "has no stage 'nope'; use one of canary, staged, full.")]
    [InlineData("--prometheus", "prometheus:9090", "--prometheus: 'prometheus:9090' is not an http(s) URL")]
    [InlineData("--started-at", "yesterday", "--started-at: 'yesterday' is not a time")]
    [InlineData("--timeout", "0s", "--timeout: '0s' is not a positive duration")]
    public void Bad_input_is_exit_2_with_one_line(string option, string value, string message)
    {
        var args = new[] { "gate", Checkout, "--stage", "canary", "--prometheus", _prometheus.Url };
        var index = Array.IndexOf(args, option);
        args = index >= 0 ? args.Select((a, i) => i == index + 1 ? value : a).ToArray() : args.Concat(new[] { option, value }).ToArray();

        var result = Tool.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }
}
