using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CheckoutService.Specs;
using Rollout.Dsl;
using Rollout.Semantics;
using Rollout.Gates.Tests.Infrastructure;

namespace Rollout.Gates.Tests;

/// <summary>
/// The gate against a real Prometheus holding five hours of history: each case asserts the decision,
/// its exit code and the verdict of every check.
/// </summary>
[Collection(LivePrometheusCollection.Name)]
public sealed class LiveGateTests
{
    private readonly LivePrometheus _live;

    public LiveGateTests(LivePrometheus live) => _live = live;

    [Fact]
    public async Task A_healthy_service_advances_from_the_4_hour_stage()
    {
        var result = await _live.Evaluate(NewCheckoutFlow.Plan(), "staged");

        Assert.Equal(Decision.Advance, result.Decision);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(new[] { Verdict.Clear, Verdict.Clear, Verdict.Pass, Verdict.Pass, Verdict.Pass }, result.Checks.Select(c => c.Verdict));
        var errorGate = result.Checks.Single(c => c.Kind == CheckKind.AdvanceGate && c.Condition.Metric == Signal.ErrorRate);
        Assert.Contains("[4h]", errorGate.Query, StringComparison.Ordinal);
        Assert.InRange(errorGate.Observed!.Value, 0.019, 0.021);
        var latency = result.Checks.Single(c => c.Condition.Metric == Signal.LatencyP99);
        Assert.InRange(latency.Observed!.Value, 190, 200);
        Assert.Contains("[5m]", result.Checks[0].Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_crossed_stop_loss_rolls_back()
    {
        var result = await _live.Evaluate(LivePrometheus.CheckoutPlanFor("burning"), "canary");

        Assert.Equal(Decision.RollBack, result.Decision);
        Assert.Equal(20, result.ExitCode);
        var stopLoss = result.Checks[0];
        Assert.Equal(Verdict.Crossed, stopLoss.Verdict);
        Assert.InRange(stopLoss.Observed!.Value, 2.5, 3.1);
        Assert.Contains("error_rate > 0.5 %", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_crossed_stop_loss_whose_action_is_halt_halts()
    {
        var result = await _live.Evaluate(LivePrometheus.CheckoutPlanFor("burning", StopLossAction.Halt), "canary");

        Assert.Equal(Decision.Halt, result.Decision);
        Assert.Equal(30, result.ExitCode);
        Assert.Equal(Verdict.Crossed, result.Checks[0].Verdict);
    }

    [Fact]
    public async Task A_failing_gate_holds()
    {
        var result = await _live.Evaluate(LivePrometheus.CheckoutPlanFor("slow"), "canary");

        Assert.Equal(Decision.Hold, result.Decision);
        Assert.Equal(10, result.ExitCode);
        Assert.Equal(new[] { Verdict.Clear, Verdict.Clear, Verdict.Pass, Verdict.Fail }, result.Checks.Select(c => c.Verdict));
        Assert.InRange(result.Checks[3].Observed!.Value, 650, 750);
        Assert.StartsWith("advance gate not met: latency_p99 < 400 ms", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_metric_without_series_holds()
    {
        var result = await _live.Evaluate(LivePrometheus.CheckoutPlanFor("ghost"), "canary");

        Assert.Equal(Decision.Hold, result.Decision);
        Assert.All(result.Checks, c => Assert.Equal(Verdict.NoData, c.Verdict));
        Assert.Contains("no series", result.Checks[0].Reason, StringComparison.Ordinal);
        Assert.Contains("could not be evaluated", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_without_traffic_has_no_data_not_a_zero_error_rate()
    {
        var result = await _live.Evaluate(LivePrometheus.CheckoutPlanFor("idle"), "canary");

        Assert.Equal(Decision.Hold, result.Decision);
        Assert.Equal(Verdict.NoData, result.Checks[0].Verdict);
        Assert.Contains("NaN", result.Checks[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stage_whose_time_has_not_run_holds_with_the_time_left()
    {
        // 'staged' watches 4 h, and 'full' may only start after 24 h at 'staged'.
        var plan = NewCheckoutFlow.Plan();
        var now = DateTimeOffset.UtcNow;
        var result = await _live.Evaluate(plan, "staged", startedAt: now - TimeSpan.FromHours(1));

        Assert.Equal(Decision.Hold, result.Decision);
        Assert.All(result.Checks, c => Assert.True(c.Verdict is Verdict.Pass or Verdict.Clear, c.ToString()));
        Assert.InRange(result.TimeLeft!.Value, TimeSpan.FromHours(22.9), TimeSpan.FromHours(23));
        Assert.Contains("longer before it may advance", result.Reason, StringComparison.Ordinal);

        var canary = await _live.Evaluate(plan, "canary", startedAt: now - TimeSpan.FromMinutes(10));
        Assert.Equal(Decision.Hold, canary.Decision);
        Assert.InRange(canary.TimeLeft!.Value, TimeSpan.FromMinutes(19), TimeSpan.FromMinutes(20));

        var elapsed = await _live.Evaluate(plan, "canary", startedAt: now - TimeSpan.FromMinutes(31));
        Assert.Equal(Decision.Advance, elapsed.Decision);
    }

    [Fact]
    public async Task A_query_Prometheus_rejects_holds_with_the_servers_error_text()
    {
        var plan = LivePrometheus.CheckoutPlanMeasuring(Signal.LatencyP99, "histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket[$window]))");
        var result = await _live.Evaluate(plan, "canary");

        Assert.Equal(Decision.Hold, result.Decision);
        var latency = result.Checks.Single(c => c.Condition.Metric == Signal.LatencyP99);
        Assert.Equal(Verdict.NoData, latency.Verdict);
        Assert.Contains("Prometheus rejected the query (bad_data)", latency.Reason, StringComparison.Ordinal);
        Assert.Contains("parse error: unclosed left parenthesis", latency.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_with_one_series_per_status_holds()
    {
        var plan = LivePrometheus.CheckoutPlanMeasuring(Signal.ErrorRate, "rate(http_server_requests_total{service=\"checkout\"}[$window])");
        var result = await _live.Evaluate(plan, "canary");

        Assert.Equal(Decision.Hold, result.Decision);
        Assert.Contains("2 series where one was expected", result.Checks[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_URL_holds_with_the_servers_answer()
    {
        var evaluator = new GateEvaluator(LivePrometheus.Http, new Uri(_live.Server.Address, "not-prometheus/"), LivePrometheus.Options);
        var result = await evaluator.EvaluateAsync(NewCheckoutFlow.Plan(), "canary");

        Assert.Equal(Decision.Hold, result.Decision);
        Assert.All(result.Checks, c => Assert.Equal(Verdict.NoData, c.Verdict));
        Assert.Contains("HTTP 404", result.Checks[0].Reason, StringComparison.Ordinal);
        Assert.Contains("404 page not found", result.Checks[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_listening_holds_after_bounded_retries()
    {
        // A port bound by this test but not listening: connections are refused, and no other process can take it meanwhile.
        using var closed = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        closed.Bind(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var port = ((System.Net.IPEndPoint)closed.LocalEndPoint!).Port;

        var attempts = new CountingHandler();
        using var http = new HttpClient(attempts);
        var result = await new GateEvaluator(http, new Uri("http://127.0.0.1:" + port + "/"), LivePrometheus.Options).EvaluateAsync(NewCheckoutFlow.Plan(), "canary");

        Assert.Equal(Decision.Hold, result.Decision);
        Assert.All(result.Checks, c => Assert.Contains("unreachable", c.Reason, StringComparison.Ordinal));
        // Each of the 4 checks: 1 attempt + 2 retries.
        Assert.Equal(4 * 3, attempts.Count);
    }

    [Fact]
    public async Task A_server_that_never_answers_holds_within_the_overall_timeout()
    {
        // A real socket that accepts connections and never says a word.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start(backlog: 64);
        var port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        var options = new GateOptions { Timeout = TimeSpan.FromSeconds(3), AttemptTimeout = TimeSpan.FromMilliseconds(400), Retries = 1, FirstRetryDelay = TimeSpan.FromMilliseconds(50) };

        var result = await new GateEvaluator(LivePrometheus.Http, new Uri("http://127.0.0.1:" + port + "/"), options).EvaluateAsync(NewCheckoutFlow.Plan(), "canary");

        Assert.Equal(Decision.Hold, result.Decision);
        Assert.All(result.Checks, c => Assert.Equal(Verdict.NoData, c.Verdict));
        Assert.All(result.Checks, c => Assert.True(
            c.Reason!.Contains("did not answer in time", StringComparison.Ordinal) || c.Reason.Contains("overall timeout of 3 s", StringComparison.Ordinal), c.Reason));
        // Bounded: each check ended by its attempt timeout or by the overall one (the reasons above say which);
        // how long that takes in seconds is a measurement, not a unit test's business.
    }

    [Fact]
    public async Task Prometheus_stopped_in_the_middle_of_an_evaluation_holds_never_advances()
    {
        using var own = PrometheusServer.Start(History.OpenMetrics(DateTimeOffset.UtcNow));
        using var http = new HttpClient(new StopAfterFirstAnswer(own));
        var result = await new GateEvaluator(http, own.Address, LivePrometheus.Options).EvaluateAsync(NewCheckoutFlow.Plan(), "staged");

        Assert.Equal(Decision.Hold, result.Decision);
        Assert.Equal(Verdict.Clear, result.Checks[0].Verdict);
        Assert.All(result.Checks.Skip(1), c => Assert.Equal(Verdict.NoData, c.Verdict));
        Assert.Contains("unreachable", result.Checks[1].Reason, StringComparison.Ordinal);
        Assert.Contains("stop-loss payment_errors > 5 could not be evaluated", result.Reason, StringComparison.Ordinal);
    }

    /// <summary>Passes requests to the real server and counts them.</summary>
    private sealed class CountingHandler : DelegatingHandler
    {
        private int _count;

        public CountingHandler() : base(new SocketsHttpHandler()) { }

        public int Count => _count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Lets the first answer through, then stops the real server: the rest of the evaluation finds it gone.</summary>
    private sealed class StopAfterFirstAnswer : DelegatingHandler
    {
        private readonly PrometheusServer _server;

        public StopAfterFirstAnswer(PrometheusServer server) : base(new SocketsHttpHandler()) => _server = server;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            _server.Stop();
            return response;
        }
    }
}
