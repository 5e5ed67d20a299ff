using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using Rollout.Gates.Tests.Infrastructure;
using Rollout.Semantics;

namespace Rollout.Gates.Tests;

/// <summary>
/// The decision logic, offline, on answers recorded from the real Prometheus of the live tests
/// (Recorded/*.json). The live test at the end re-runs every scenario against the server and checks the
/// recording still says the same; ROLLOUT_ACCEPT=1 rewrites the recordings from the server.
/// </summary>
public sealed class RecordedAnswerTests
{
    [Theory]
    [MemberData(nameof(Scenarios.Names), MemberType = typeof(Scenarios))]
    public async Task Each_recorded_evaluation_gives_its_decision(string name)
    {
        var scenario = Scenarios.All.Single(s => s.Name == name);
        var recording = Recording.Load(name);
        using var http = recording.Replay();
        var options = LivePrometheus.Options with { Time = new FixedTime(recording.EvaluatedAtTime) };

        var result = await new GateEvaluator(http, new Uri("http://prometheus.invalid:9090/"), options).EvaluateAsync(scenario.Plan(), scenario.Stage);

        Assert.Equal(scenario.Decision, result.Decision);
        Assert.Equal(scenario.Verdicts, result.Checks.Select(c => c.Verdict).ToArray());
        Assert.All(result.Checks.Where(c => c.Verdict == Verdict.NoData), c => Assert.False(string.IsNullOrWhiteSpace(c.Reason)));
    }

    [Fact]
    public void A_value_older_than_the_window_is_no_evidence()
    {
        var recording = Recording.Load("healthy-staged");
        var answer = recording.Answers[0];
        var fresh = PrometheusAnswer.Parse(answer.Body, answer.HttpStatus, recording.EvaluatedAtTime, TimeSpan.FromMinutes(5));
        var later = PrometheusAnswer.Parse(answer.Body, answer.HttpStatus, recording.EvaluatedAtTime + TimeSpan.FromMinutes(6), TimeSpan.FromMinutes(5));

        Assert.NotNull(fresh.Value);
        Assert.Null(later.Value);
        Assert.Contains("older than the window", later.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_servers_error_text_is_kept()
    {
        var answer = Recording.Load("rejected-query-canary").Answers.Single(a => a.HttpStatus != 200);
        var parsed = PrometheusAnswer.Parse(answer.Body, answer.HttpStatus, DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(30));

        Assert.Equal(400, answer.HttpStatus);
        Assert.StartsWith("Prometheus rejected the query (bad_data): invalid parameter \"query\":", parsed.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "not a Prometheus API answer")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}", "returns a matrix")]
    [InlineData("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[0,\"+Inf\"]}}", "+Inf, not a finite number")]
    public void Answers_that_are_not_one_finite_value_have_no_data(string body, string problem)
    {
        var parsed = PrometheusAnswer.Parse(body, 200, DateTimeOffset.UnixEpoch, TimeSpan.FromMinutes(5));
        Assert.Null(parsed.Value);
        Assert.Contains(problem, parsed.Problem, StringComparison.Ordinal);
    }
}

/// <summary>Keeps the recordings true: the live server must still answer every scenario the same way.</summary>
[Collection(LivePrometheusCollection.Name)]
public sealed class RecordingRefreshTests
{
    private readonly LivePrometheus _live;

    public RecordingRefreshTests(LivePrometheus live) => _live = live;

    [Theory]
    [MemberData(nameof(Scenarios.Names), MemberType = typeof(Scenarios))]
    public async Task The_live_server_answers_as_recorded(string name)
    {
        var scenario = Scenarios.All.Single(s => s.Name == name);
        var recorder = new RecordingHandler();
        using var http = new HttpClient(recorder);
        var now = DateTimeOffset.UtcNow;
        var options = LivePrometheus.Options with { Time = new FixedTime(now) };

        var result = await new GateEvaluator(http, _live.Server.Address, options).EvaluateAsync(scenario.Plan(), scenario.Stage);

        Assert.Equal(scenario.Decision, result.Decision);
        Assert.Equal(scenario.Verdicts, result.Checks.Select(c => c.Verdict).ToArray());
        var fresh = new Recording(name, scenario.Stage, now.ToUnixTimeMilliseconds() / 1000.0, recorder.Answers);
        if (Environment.GetEnvironmentVariable("ROLLOUT_ACCEPT") == "1") fresh.Save();
        var committed = Recording.Load(name);
        Assert.Equal(committed.Answers.Select(a => (a.Query, a.Api, a.HttpStatus)), fresh.Answers.Select(a => (a.Query, a.Api, a.HttpStatus)));
    }
}
