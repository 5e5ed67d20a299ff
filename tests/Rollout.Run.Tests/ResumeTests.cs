using System;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using CheckoutService.Specs;
using Rollout.Run.Tests.Infrastructure;
using Rollout.Semantics;
using Rollout.Semantics.Tests;

namespace Rollout.Run.Tests;

/// <summary>
/// A run stopped at any step of the rollback's evaluation (an exception at the fault point, in process; the CLI's
/// tests kill the real process with SIGKILL at the same points) resumes at the next evaluation: the flag file ends at the
/// rollback, the audit log holds every decision and action once, and the announcement is delivered (twice only when
/// stopped between the webhook's answer and its record, both times with the same id).
/// </summary>
public sealed class ResumeTests
{
    private sealed class Crash : Exception
    {
        public Crash(string point) : base("stopped at " + point) { }
    }

    [Theory]
    [InlineData(ReleaseExecutor.AfterDecision, 1)]
    [InlineData(ReleaseExecutor.AfterFlagWrite, 1)]
    [InlineData(ReleaseExecutor.AfterAnnounce, 2)]
    public async Task A_run_stopped_at_a_step_of_the_rollback_resumes_without_repeating_or_losing_an_action(string point, int posts)
    {
        var burning = new TimelineBuilder().Value("error_rate", -10, 0.02).Value("latency_p99", -10, 190).Value("payment_errors", -10, 0).Value("error_rate", 10, 0.9).Build();
        using var webhook = new WebhookReceiver();
        using var release = new Release(NewCheckoutFlow.Plan(), burning, webhook: webhook.Url);
        for (var minute = 0; minute < 13; minute++) await release.At(TimelineBuilder.At(minute));
        var stops = 0;
        release.Fault = reached =>
        {
            if (reached == point && stops++ == 0) throw new Crash(reached);
        };

        await Assert.ThrowsAsync<Crash>(() => release.At(TimelineBuilder.At(13)));
        Assert.Equal(ReleaseMode.RolledBack, release.State().Position!.Mode);
        Assert.NotEmpty(release.State().Pending);
        var resumed = await release.At(TimelineBuilder.At(14));

        Assert.Contains(resumed.Lines, l => l.StartsWith("resuming evaluation 14", StringComparison.Ordinal));
        Assert.Empty(resumed.Events);
        Assert.Equal(20, resumed.ExitCode);
        Assert.Equal(release.FlagAt(null), release.Flag());
        Assert.Empty(release.State().Pending);
        Assert.Equal(posts, webhook.Posts);
        Assert.Single(webhook.Delivered.Select(b => JsonDocument.Parse(b).RootElement.GetProperty("announcementId").GetString()).Distinct());
        var audit = release.Audit.Read();
        Assert.Equal(audit.Count, audit.Select(e => e.Id).Distinct().Count());
        Assert.Single(audit, e => e.What == "rollBack");
        Assert.Single(audit, e => e.What == "writeFlag" && e.Point == "rollback");
        Assert.Single(audit, e => e.What == "announce" && e.Delivered == true);
        Assert.Equal(new[] { "stageStarted", "writeFlag", "rollBack", "writeFlag", "announce" }, audit.Select(e => e.What));
    }
}
