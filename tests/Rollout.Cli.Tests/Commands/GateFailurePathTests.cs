using System;
using System.Linq;
using Rollout.Cli.Commands;
using Rollout.Cli.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Rollout.Cli.Tests.Commands;

/// <summary>
/// `rollout gate` on the paths a real Prometheus rarely takes on demand: transient failures are retried (5xx, 429),
/// a request the server refuses (4xx) is not, a server that never answers ends at the overall timeout; compound
/// timeouts and a malformed plan file.
/// </summary>
public sealed class GateFailurePathTests
{
    /// <summary>The sample plan's stage "staged" asks 2 stop-losses and 3 advance gates: five queries.</summary>
    private const int Queries = 5;

    private readonly ITestOutputHelper _log;

    public GateFailurePathTests(ITestOutputHelper log) => _log = log;

    private CliResult Gate(FakePrometheus server, params string[] more)
    {
        var result = Tool.Run(new[] { "gate", Tool.SamplePlan("new-checkout-flow"), "--stage", "staged", "--prometheus", server.Url }.Concat(more).ToArray());
        _log.WriteLine(result.ToString());
        return result;
    }

    [Theory]
    [InlineData(503)]
    [InlineData(502)]
    [InlineData(429)]
    public void A_transient_failure_twice_is_retried_and_the_gate_decides_on_the_third_answer(int status)
    {
        using var server = new FakePrometheus((_, attempt) => attempt <= 2 ? (status, "{\"status\":\"error\",\"error\":\"busy\"}") : (200, FakePrometheus.Vector("0")));

        var result = Gate(server);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(Queries, server.Asked.Count);
        Assert.All(server.Asked.Values, attempts => Assert.Equal(3, attempts));
        Assert.Contains("decision: advance (exit 0)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transient_failure_on_every_attempt_holds_after_three_attempts_per_query()
    {
        using var server = new FakePrometheus((_, _) => (503, "{\"status\":\"error\",\"error\":\"overloaded\"}"));

        var result = Gate(server);

        Assert.Equal(10, result.ExitCode);
        Assert.All(server.Asked.Values, attempts => Assert.Equal(3, attempts));
        Assert.Contains("decision: hold (exit 10)", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, "bad_data", "parse error at char 7")]
    [InlineData(422, "execution", "query processing would load too many samples")]
    public void A_refused_query_is_not_retried_and_holds_with_the_servers_reason(int status, string type, string error)
    {
        using var server = new FakePrometheus((_, _) => (status, "{\"status\":\"error\",\"errorType\":\"" + type + "\",\"error\":\"" + error + "\"}"));

        var result = Gate(server);

        Assert.Equal(10, result.ExitCode);
        Assert.Equal(Queries, server.Requests);
        Assert.All(server.Asked.Values, attempts => Assert.Equal(1, attempts));
        Assert.Contains("Prometheus rejected the query (" + type + ")", result.Output, StringComparison.Ordinal);
        Assert.Contains(error, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_that_never_answers_holds_at_a_timeout_given_in_milliseconds()
    {
        using var server = new FakePrometheus((_, _) => (null, ""));

        var result = Gate(server, "--timeout", "500ms");

        Assert.Equal(10, result.ExitCode);
        Assert.Contains("no answer within the overall timeout of 500 ms", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1m30s", 90_000)]
    [InlineData("500ms", 500)]
    [InlineData("1h2m3s", 3_723_000)]
    [InlineData("1s250ms", 1_250)]
    public void Timeouts_are_read_as_the_help_writes_them(string text, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), GateCommand.ParseTimeout(text));
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("30")]
    [InlineData("5x")]
    [InlineData("1.5m")]
    [InlineData("-30s")]
    [InlineData("")]
    public void A_timeout_that_is_not_a_positive_duration_is_exit_2_in_one_line(string text)
    {
        using var server = new FakePrometheus((_, _) => (200, FakePrometheus.Vector("0")));

        var result = Gate(server, "--timeout", text);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(0, server.Requests);
        Assert.Equal("rollout: --timeout: '" + text + "' is not a positive duration; write e.g. 30s, 2m or 1m30s.", result.Error.TrimEnd('\n'));
    }

    [Fact]
    public void A_malformed_plan_file_is_exit_2_naming_the_file_and_line_and_nothing_is_asked()
    {
        using var folder = new TempFolder("rollout-gate-bad");
        var file = folder.Write("broken.plan.json", "{\n  \"schemaVersion\": 1,\n  \"id\": \"x\"\n");
        using var server = new FakePrometheus((_, _) => (200, FakePrometheus.Vector("0")));

        var result = Tool.Run("gate", file, "--stage", "canary", "--prometheus", server.Url);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("rollout: " + file + ": line 4, column 1: malformed JSON", line, StringComparison.Ordinal);
        Assert.Equal(0, server.Requests);
    }
}
