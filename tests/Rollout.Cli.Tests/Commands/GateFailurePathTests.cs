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
        Assert.Contains("(3 attempts, last HTTP 200 OK)", result.Output, StringComparison.Ordinal);
        Assert.Contains("retried: 5 of 5 queries needed more than one attempt after transient failures", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Retries_are_said_in_json_and_markdown_with_the_policy()
    {
        using var server = new FakePrometheus((_, attempt) => attempt == 1 ? (503, "{}") : (200, FakePrometheus.Vector("0")));
        var json = Gate(server, "--format", "json");
        using var document = System.Text.Json.JsonDocument.Parse(json.Output);
        var root = document.RootElement;
        Assert.All(root.GetProperty("checks").EnumerateArray(), check => Assert.Equal(2, check.GetProperty("attempts").GetInt32()));
        Assert.All(root.GetProperty("checks").EnumerateArray(), check => Assert.Equal("HTTP 200 OK", check.GetProperty("lastAttempt").GetString()));
        Assert.Equal("PT30S", root.GetProperty("policy").GetProperty("timeout").GetString());
        Assert.Equal(2, root.GetProperty("policy").GetProperty("retries").GetInt32());
        // Readable JSON: a query's quotes are escaped as \", not \u0022.
        Assert.Contains("service=\\\"checkout\\\"", json.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0022", json.Output, StringComparison.Ordinal);

        using var again = new FakePrometheus((_, attempt) => attempt == 1 ? (503, "{}") : (200, FakePrometheus.Vector("0")));
        var markdown = Gate(again, "--format", "markdown");
        Assert.Contains("retried: 5 of 5 queries needed more than one attempt", markdown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_attempt_failing_names_the_status_and_the_attempts()
    {
        using var server = new FakePrometheus((_, _) => (503, "{\"status\":\"error\",\"errorType\":\"unavailable\",\"error\":\"overloaded\"}"));

        var result = Gate(server);

        Assert.Equal(10, result.ExitCode);
        Assert.Contains("HTTP 503 Service Unavailable from ", result.Output, StringComparison.Ordinal);
        Assert.Contains("(after 3 attempts)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_that_stopped_arriving_is_stale_with_its_age_not_a_label_mistake()
    {
        var last = DateTimeOffset.UtcNow.AddMinutes(-47);
        using var server = new FakePrometheus(
            (_, _) => (200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"),
            range: _ => FakePrometheus.Matrix((last.AddMinutes(-5), "0.01"), (last, "0.02")));

        var result = Gate(server);

        Assert.Equal(10, result.ExitCode);
        Assert.Contains("stale: the query's newest value is from " + last.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " UTC, 47 min", result.Output, StringComparison.Ordinal);
        Assert.Contains("the source stopped reporting", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("label values", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("markdown")]
    public void Stale_data_and_several_series_hold_with_their_own_reason_in_every_format(string format)
    {
        var last = DateTimeOffset.UtcNow.AddMinutes(-47);
        const string Two = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{\"pod\":\"a\"},\"value\":[NOW,\"1\"]},{\"metric\":{\"pod\":\"b\"},\"value\":[NOW,\"2\"]}]}}";
        using var stale = new FakePrometheus(
            (_, _) => (200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"),
            range: _ => FakePrometheus.Matrix((last, "0.02")));
        using var several = new FakePrometheus((_, _) => (200, Two.Replace("NOW", DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)));

        var staleResult = Gate(stale, "--format", format);
        var severalResult = Gate(several, "--format", format);

        Assert.Equal(10, staleResult.ExitCode);
        Assert.Contains("the source stopped reporting", staleResult.Output, StringComparison.Ordinal);
        Assert.Equal(10, severalResult.ExitCode);
        Assert.Contains("2 series where one was expected", severalResult.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_query_that_never_matched_says_so_and_points_at_the_labels()
    {
        using var server = new FakePrometheus((_, _) => (200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));

        var result = Gate(server);

        Assert.Equal(10, result.ExitCode);
        Assert.Contains("no series: the query matched nothing in the last 24 h (is the metric exported and are the label values right?)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_start_time_in_the_future_is_exit_2_in_one_line()
    {
        using var server = new FakePrometheus((_, _) => (200, FakePrometheus.Vector("0")));

        var result = Gate(server, "--started-at", DateTimeOffset.UtcNow.AddHours(3).ToString("o", System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(2, result.ExitCode);
        Assert.Matches("^rollout: --started-at: .* UTC is in the future \\(now is .* UTC\\); pass the time the stage began\\.\n$", result.Error);
        Assert.Equal(0, server.Requests);
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
