using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using Rollout.Cli.Tests.Infrastructure;
using Rollout.Export.Flags;
using Rollout.Plans;
using Rollout.Run;
using Rollout.Run.Tests.Infrastructure;

namespace Rollout.Cli.Tests.Commands;


/// <summary>
/// <c>rollout run</c> and <c>rollout approve</c> through the real <c>rollout</c> process against a stand-in Prometheus:
/// exit codes, the flag file, the state and audit log, the webhook; bad input exits 2 with one line and writes nothing;
/// and a run killed with SIGKILL at every step (ROLLOUT_RUN_FAULT) resumes without repeating or losing an action.
/// </summary>
public sealed class RunCommandTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    private readonly TempFolder _folder = new("rollout-run-cli");
    private readonly FakePrometheus _prometheus;
    private volatile string _errorRate = "0.02";
    private volatile string _falseMerges = "0.001";

    public RunCommandTests()
    {
        _prometheus = new FakePrometheus((query, _) =>
            query.Contains("status=~", StringComparison.Ordinal) ? (200, FakePrometheus.Vector(_errorRate))
            : query.Contains("histogram_quantile", StringComparison.Ordinal) ? (200, FakePrometheus.Vector("190"))
            : query.Contains("false_merges", StringComparison.Ordinal) ? (200, FakePrometheus.Vector(_falseMerges))
            : (200, FakePrometheus.Vector("0")));
    }

    public void Dispose()
    {
        _prometheus.Dispose();
        _folder.Dispose();
    }

    private string FlagPath => Path.Combine(_folder.Path, "flags.json");

    private string StatePath => Path.Combine(_folder.Path, "release.json");

    private string AuditPath => StatePath + ".audit.jsonl";

    private static string At(double minutes) => (T0 + TimeSpan.FromMinutes(minutes)).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static CommandResult Rollout(IReadOnlyDictionary<string, string>? environment, params string[] args) =>
        Command.Run(Path.GetTempPath(), TimeSpan.FromMinutes(2), environment, [Path.Combine(AppContext.BaseDirectory, "rollout.dll"), .. args]);

    private CommandResult Run(string plan, double minutes, string? webhook = null, IReadOnlyDictionary<string, string>? environment = null, string target = "feature-management") =>
        Rollout(environment, ["run", Tool.SamplePlan(plan), "--target", target, "--flag-file", FlagPath, "--prometheus", _prometheus.Url, "--state", StatePath, "--once", "--at", At(minutes),
            .. webhook is null ? Array.Empty<string>() : ["--announce-webhook", webhook]]);

    private static string FlagAt(string plan, string? stage) => FeatureManagementExport.Export(PlanFiles.Load(Tool.SamplePlan(plan)).Plan, new FlagExportRequest(null, stage)).Json;

    private IReadOnlyList<AuditEntry> Audit() => new AuditLog(AuditPath).Read();

    private string[] Files() => Directory.GetFiles(_folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    [Fact]
    public void A_release_advances_stage_by_stage_and_rolls_back_at_once_with_the_gates_exit_codes()
    {
        using var webhook = new WebhookReceiver();

        var started = Run("new-checkout-flow", 0, webhook.Url);
        Assert.True(started.ExitCode == 0, started.Describe());
        Assert.Equal(FlagAt("new-checkout-flow", "canary"), File.ReadAllText(FlagPath));
        Assert.Contains("decision: advance (exit 0)", started.Output, StringComparison.Ordinal);

        var observing = Run("new-checkout-flow", 10, webhook.Url);
        Assert.True(observing.ExitCode == 10, observing.Describe());
        Assert.Contains("stage 'canary' must run 20 min longer", observing.Output, StringComparison.Ordinal);

        var advanced = Run("new-checkout-flow", 31, webhook.Url);
        Assert.True(advanced.ExitCode == 0, advanced.Describe());
        Assert.Equal(FlagAt("new-checkout-flow", "staged"), File.ReadAllText(FlagPath));

        _errorRate = "0.9";
        var rolledBack = Run("new-checkout-flow", 35, webhook.Url);
        Assert.True(rolledBack.ExitCode == 20, rolledBack.Describe());
        Assert.Equal(FlagAt("new-checkout-flow", null), File.ReadAllText(FlagPath));
        Assert.Contains("stop-loss crossed: error_rate > 0.5 % (observed 0.9 %); roll back now", rolledBack.Output, StringComparison.Ordinal);
        Assert.Contains("deadline met", rolledBack.Output, StringComparison.Ordinal);
        Assert.Single(webhook.Delivered);
        Assert.Equal(["stageStarted", "writeFlag", "advance", "stageStarted", "writeFlag", "rollBack", "writeFlag", "announce"], Audit().Select(e => e.What));
        Assert.Equal(["flags.json", "release.json", "release.json.audit.jsonl", "release.json.lock"], Files());

        var again = Run("new-checkout-flow", 36, webhook.Url);
        Assert.True(again.ExitCode == 20, again.Describe());
        Assert.Single(webhook.Delivered);
    }

    [Fact]
    public void A_wait_for_a_person_ends_with_rollout_approve_and_the_audit_log_names_who()
    {
        var flagd = Path.Combine(_folder.Path, "flags.json");
        Assert.Equal(0, Run("contact-dedup-job", 0, target: "flagd").ExitCode);
        var waiting = Run("contact-dedup-job", 120, target: "flagd");
        Assert.True(waiting.ExitCode == 10, waiting.Describe());
        Assert.Contains("waiting for a person: rollout approve <state> --by ROLE", waiting.Output, StringComparison.Ordinal);

        var refused = Rollout(null, "approve", StatePath, "--by", "product");
        Assert.Equal(2, refused.ExitCode);
        Assert.Single(refused.Output.TrimEnd('\n').Split('\n'));
        Assert.Contains("--by 'product': plan 'contact-dedup-job' lets only 'release engineer' or 'on-call engineer' approve here", refused.Output, StringComparison.Ordinal);

        var approved = Rollout(null, "approve", StatePath, "--by", "on-call engineer", "--note", "tenant 7 checked");
        Assert.True(approved.ExitCode == 0, approved.Describe());
        Assert.Contains("the next evaluation of rollout run will start 'half'", approved.Output, StringComparison.Ordinal);

        var half = Run("contact-dedup-job", 125, target: "flagd");
        Assert.True(half.ExitCode == 0, half.Describe());
        Assert.DoesNotContain("resuming", half.Output, StringComparison.Ordinal); // the evaluations before it finished what they decided
        Assert.Equal(FlagdExport.Export(PlanFiles.Load(Tool.SamplePlan("contact-dedup-job")).Plan, new FlagExportRequest(null, "half")).Json, File.ReadAllText(flagd));
        var who = Assert.Single(Audit(), e => e.What == "approved");
        Assert.Equal("on-call engineer", who.By);
        Assert.Equal("tenant 7 checked", who.Note);

        _falseMerges = "0.2";
        var forwardFix = Run("contact-dedup-job", 160, target: "flagd");
        Assert.True(forwardFix.ExitCode == 30, forwardFix.Describe());
        Assert.Contains("finish the merge, then re-split wrong merges from backup", forwardFix.Output, StringComparison.Ordinal);
        Assert.Contains("owner: data-eng on-call", forwardFix.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Audit(), e => e.Point == "rollback");
    }

    [Fact]
    public void Bad_input_exits_2_with_one_line_and_writes_nothing()
    {
        void Refused(CommandResult result, string says)
        {
            Assert.True(result.ExitCode == 2, result.Describe());
            Assert.Single(result.Output.TrimEnd('\n').Split('\n'));
            Assert.Contains(says, result.Output, StringComparison.Ordinal);
        }

        Refused(Rollout(null, "run", Tool.SamplePlan("new-checkout-flow"), "--target", "launchdarkly", "--flag-file", FlagPath, "--prometheus", _prometheus.Url, "--state", StatePath, "--once"),
            "--target: 'launchdarkly' is not a flag target; use flagd or feature-management.");
        Assert.Empty(Files());

        File.WriteAllText(FlagPath, "{\"flags\": {\"NEW_CHECKOUT_ENABLED\": {}}}");
        Refused(Run("new-checkout-flow", 0), "--flag-file is not a Microsoft.FeatureManagement configuration");
        Assert.Equal(["flags.json"], Files());
        File.Delete(FlagPath);

        Assert.Equal(0, Run("new-checkout-flow", 0).ExitCode);
        var before = Files().Select(f => File.ReadAllText(Path.Combine(_folder.Path, f))).ToList();
        Refused(Run("dark-mode-toggle", 1), "belongs to plan 'new-checkout-flow', not 'dark-mode-toggle'");
        Refused(Rollout(null, "approve", StatePath, "--by", "eng lead"), "nothing waits for a person: plan 'new-checkout-flow' is observing at stage 'canary'");
        Assert.Equal(before, Files().Select(f => File.ReadAllText(Path.Combine(_folder.Path, f))).ToList());

        var foreign = Path.Combine(_folder.Path, "other.json");
        File.WriteAllText(foreign, "{\"kind\": \"something-else\"}");
        Refused(Rollout(null, "approve", foreign, "--by", "eng lead"), "not a rollout run state file");
        Refused(Rollout(null, "approve", Path.Combine(_folder.Path, "missing.json"), "--by", "eng lead"), "no such state file");
    }

    public static TheoryData<string, double, string?, int> KillPoints() => new()
    {
        // point, the evaluation killed (minutes), the flag point it must end at, webhook posts
        { ReleaseExecutor.AfterDecision, 31, "staged", 0 },
        { ReleaseExecutor.AfterFlagWrite, 31, "staged", 0 },
        { ReleaseExecutor.AfterDecision, 35, null, 1 },
        { ReleaseExecutor.AfterFlagWrite, 35, null, 1 },
        { ReleaseExecutor.AfterAnnounce, 35, null, 2 },
    };

    [Theory]
    [MemberData(nameof(KillPoints))]
    public void A_run_killed_with_SIGKILL_at_a_step_resumes_without_repeating_or_losing_an_action(string point, double minute, string? endsAt, int posts)
    {
        using var webhook = new WebhookReceiver();
        Assert.Equal(0, Run("new-checkout-flow", 0, webhook.Url).ExitCode);
        if (minute > 31) Assert.Equal(0, Run("new-checkout-flow", 31, webhook.Url).ExitCode);
        if (endsAt is null) _errorRate = "0.9";

        var killed = Run("new-checkout-flow", minute, webhook.Url, new Dictionary<string, string> { [global::Rollout.Cli.Commands.RunCommand.FaultVariable] = point });
        Assert.True(killed.ExitCode == 137, killed.Describe()); // 128 + SIGKILL
        Assert.Contains("fault injection: SIGKILL at " + point, killed.Output, StringComparison.Ordinal);
        Assert.NotEmpty(RunStateFile.Read(StatePath)!.Pending);

        var resumed = Run("new-checkout-flow", minute + 1, webhook.Url);
        Assert.True(resumed.ExitCode == (endsAt is null ? 20 : 10), resumed.Describe());
        Assert.Contains("resuming evaluation", resumed.Output, StringComparison.Ordinal);

        Assert.Equal(FlagAt("new-checkout-flow", endsAt), File.ReadAllText(FlagPath));
        Assert.Empty(RunStateFile.Read(StatePath)!.Pending);
        Assert.Equal(posts, webhook.Posts);
        Assert.True(webhook.Delivered.Select(b => JsonDocument.Parse(b).RootElement.GetProperty("announcementId").GetString()).Distinct().Count() <= 1);
        var audit = Audit();
        Assert.Equal(audit.Count, audit.Select(e => e.Id).Distinct().Count());
        var expected = endsAt is null
            ? new[] { "stageStarted", "writeFlag", "advance", "stageStarted", "writeFlag", "rollBack", "writeFlag", "announce" }
            : ["stageStarted", "writeFlag", "advance", "stageStarted", "writeFlag"];
        Assert.Equal(expected, audit.Select(e => e.What));
        Assert.DoesNotContain(Directory.GetFiles(_folder.Path), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_once_the_run_loops_and_stops_cleanly_on_SIGTERM_with_its_state_saved()
    {
        var info = Command.StartInfo(Command.DotNet, [Path.Combine(AppContext.BaseDirectory, "rollout.dll"), "run", Tool.SamplePlan("new-checkout-flow"), "--target", "feature-management",
            "--flag-file", FlagPath, "--prometheus", _prometheus.Url, "--state", StatePath, "--at", At(0)], Path.GetTempPath(), null);
        using var process = Process.Start(info)!;
        var lines = new System.Collections.Concurrent.BlockingCollection<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        string? line;
        do Assert.True(lines.TryTake(out line, TimeSpan.FromMinutes(1)), "the loop printed no decision within a minute");
        while (!line!.StartsWith("decision:", StringComparison.Ordinal));
        Command.RunProgram("kill", Path.GetTempPath(), TimeSpan.FromSeconds(30), "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "the run did not stop on SIGTERM");
        process.WaitForExit();
        Assert.Equal(10, process.ExitCode);
        Assert.Contains("stopped by a signal: state saved; run the same command again to continue", lines);
        Assert.Equal(FlagAt("new-checkout-flow", "canary"), File.ReadAllText(FlagPath));
        Assert.Equal(1, RunStateFile.Read(StatePath)!.Evaluations);
    }
}
