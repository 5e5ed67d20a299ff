using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using CheckoutService.Specs;
using Rollout.Run.Tests.Infrastructure;
using Rollout.Semantics;
using Rollout.Semantics.Tests;

namespace Rollout.Run.Tests;

/// <summary>
/// A crossed rollback stop-loss: the rollback's flag file is written at once, before the announcement's first post;
/// the announcement carries plan, owner, stop-loss, value, time and action, retries with exponential backoff, never
/// delays the flag, says whether it met the plan's deadline, and is not lost when the webhook is down.
/// </summary>
public sealed class RollbackTests
{
    // At +13 min the 5-minute error rate is 0.548 % > 0.5 %: the canary rolls back.
    private static MetricTimeline Burning() =>
        new TimelineBuilder().Value("error_rate", -10, 0.02).Value("latency_p99", -10, 190).Value("payment_errors", -10, 0).Value("error_rate", 10, 0.9).Build();

    private static async Task<EvaluationOutcome> RunUntilRollback(Release release)
    {
        for (var minute = 0; ; minute++)
        {
            var outcome = await release.At(TimelineBuilder.At(minute));
            if (outcome.Position.Mode == ReleaseMode.RolledBack) return outcome;
            Assert.True(minute < 30, "no rollback within 30 minutes");
        }
    }

    [Fact]
    public async Task The_rollback_flag_is_written_before_the_announcement_is_posted_and_the_post_says_what_happened()
    {
        using var webhook = new WebhookReceiver();
        using var release = new Release(NewCheckoutFlow.Plan(), Burning(), webhook: webhook.Url);
        string? flagWhenPosted = null;
        webhook.OnPost = _ => flagWhenPosted = release.Flag();

        var outcome = await RunUntilRollback(release);

        Assert.Equal(20, outcome.ExitCode);
        Assert.Equal(release.FlagAt(null), flagWhenPosted);
        Assert.Equal(release.FlagAt(null), release.Flag());
        var body = JsonDocument.Parse(Assert.Single(webhook.Delivered)).RootElement;
        var text = body.GetProperty("text").GetString()!;
        Assert.Contains("plan new-checkout-flow (owner payments)", text, StringComparison.Ordinal);
        Assert.Contains("stop-loss error_rate > 0.5 % crossed (observed 0.548 %)", text, StringComparison.Ordinal);
        Assert.Contains("at 2026-12-06 08:13:00 UTC", text, StringComparison.Ordinal);
        Assert.Contains("Action: rollback", text, StringComparison.Ordinal);
        Assert.Equal("#incidents", body.GetProperty("channel").GetString());
        var id = body.GetProperty("announcementId").GetString()!;
        Assert.Contains("[announcement " + id + "]", text, StringComparison.Ordinal);
        var announced = Assert.Single(release.Audit.Read(), e => e.What == "announce");
        Assert.True(announced.Delivered);
        Assert.True(announced.DeadlineMet);
        Assert.Equal(1, announced.Attempts);
        Assert.Equal(id, announced.AnnouncementId);
        Assert.Empty(release.State().Pending);
    }

    [Fact]
    public async Task A_failing_webhook_is_retried_with_exponential_backoff_after_the_flag_is_already_off()
    {
        using var webhook = new WebhookReceiver(failFirst: 3);
        using var release = new Release(NewCheckoutFlow.Plan(), Burning(), webhook: webhook.Url);
        var flags = new System.Collections.Concurrent.ConcurrentQueue<string>();
        webhook.OnPost = _ => flags.Enqueue(release.Flag());

        await RunUntilRollback(release);

        Assert.Equal(4, webhook.Posts);
        Assert.Single(webhook.Delivered);
        Assert.All(flags, flag => Assert.Equal(release.FlagAt(null), flag));
        Assert.Equal(new[] { 1.0, 2.0, 4.0 }, release.Clock.Delays.Select(d => d.TotalSeconds));
        var announced = Assert.Single(release.Audit.Read(), e => e.What == "announce");
        Assert.Equal(4, announced.Attempts);
        Assert.Equal(TimeSpan.FromSeconds(7), announced.Delay);
        Assert.True(announced.DeadlineMet);
    }

    [Fact]
    public async Task An_announcement_later_than_the_plans_deadline_says_so()
    {
        using var webhook = new WebhookReceiver(failFirst: 10);
        using var release = new Release(NewCheckoutFlow.Plan(), Burning(), webhook: webhook.Url);

        await RunUntilRollback(release);

        // Posts at +0, 1, 3, 7, 15, 31, 63, 123, 183 and 243 s all fail; one more minute would pass the 5-minute deadline,
        // so the run stops trying and keeps the announcement pending.
        var failed = Assert.Single(release.Audit.Read(), e => e.What == "announce");
        Assert.False(failed.Delivered);
        Assert.False(failed.DeadlineMet);
        Assert.Equal(RunAction.Announce, Assert.Single(release.State().Pending).Kind);
        Assert.Equal(release.FlagAt(null), release.Flag());

        // The next evaluation posts it again and it is accepted: late, and said so.
        release.Clock.Now += TimeSpan.FromMinutes(2);
        await release.Executor().EvaluateAsync(TimelineBuilder.At(30));

        var delivered = Assert.Single(release.Audit.Read(), e => e.What == "announce" && e.Delivered == true);
        Assert.False(delivered.DeadlineMet);
        Assert.Empty(release.State().Pending);
        Assert.Single(webhook.Delivered);
    }

    [Fact]
    public async Task An_unreachable_webhook_never_blocks_the_rollback_and_the_announcement_is_not_lost()
    {
        string url;
        using (var gone = new WebhookReceiver()) url = gone.Url; // nothing listens there any more
        using var release = new Release(NewCheckoutFlow.Plan(), Burning(), webhook: url);

        var outcome = await RunUntilRollback(release);

        Assert.Equal(20, outcome.ExitCode);
        Assert.Equal(release.FlagAt(null), release.Flag());
        Assert.Contains(outcome.Lines, l => l.StartsWith("announcement NOT delivered", StringComparison.Ordinal));
        var pending = Assert.Single(release.State().Pending);

        using var back = new WebhookReceiver();
        release.Webhook = back.Url;
        await release.Executor().EvaluateAsync(TimelineBuilder.At(40));

        var body = JsonDocument.Parse(Assert.Single(back.Delivered)).RootElement;
        Assert.Equal(pending.Id, body.GetProperty("announcementId").GetString());
        Assert.Empty(release.State().Pending);
    }

    [Fact]
    public async Task Without_a_webhook_the_run_says_a_person_announces_it_and_keeps_nothing_pending()
    {
        using var release = new Release(NewCheckoutFlow.Plan(), Burning());

        var outcome = await RunUntilRollback(release);

        Assert.Contains("announce the rollback in #incidents within 5 min by hand: no --announce-webhook was given", outcome.Lines);
        Assert.False(Assert.Single(release.Audit.Read(), e => e.What == "announce").Delivered);
        Assert.Empty(release.State().Pending);
    }

    [Fact]
    public async Task Past_the_point_of_no_return_nothing_rolls_back_and_the_forward_fix_is_named()
    {
        var (plan, timeline, _, _) = ExecutorMatchesInterpreterTests.Scenario("dedup approved then forward fix");
        using var webhook = new WebhookReceiver();
        using var release = new Release(plan, timeline, webhook: webhook.Url);
        await release.At(TimelineBuilder.T0);
        await release.At(TimelineBuilder.At(120));
        ApprovalDesk.Record(release.StatePath, plan, "on-call engineer", null, TimelineBuilder.At(150));
        EvaluationOutcome outcome;
        var minute = 150;
        do outcome = await release.At(TimelineBuilder.At(minute += 5));
        while (outcome.Position.Mode != ReleaseMode.Halted);

        Assert.Equal(30, outcome.ExitCode);
        Assert.True(outcome.Settled);
        Assert.Contains(outcome.Events, e => e.Kind == TraceEventKind.ForwardFixRequired && e.Reason.Contains("finish the merge", StringComparison.Ordinal) && e.Reason.Contains("data-eng on-call", StringComparison.Ordinal));
        Assert.Equal(release.FlagAt("half"), release.Flag());
        Assert.Equal(0, webhook.Posts);
    }

    [Fact]
    public async Task Missing_data_holds_and_writes_nothing_new()
    {
        var gap = new TimelineBuilder().Value("error_rate", -10, 0.02).Value("latency_p99", -10, 190).Problem("payment_errors", -10, TimelinePointKind.Gap).Build();
        using var release = new Release(NewCheckoutFlow.Plan(), gap);
        await release.At(TimelineBuilder.T0);
        var canary = release.Flag();

        var outcome = await release.At(TimelineBuilder.At(45));

        Assert.Equal(10, outcome.ExitCode);
        Assert.Equal(ReleaseMode.Running, outcome.Position.Mode);
        Assert.Equal("canary", outcome.Stage);
        Assert.Equal(canary, release.Flag());
        Assert.Contains("could not be evaluated", outcome.Evaluation!.Reason, StringComparison.Ordinal);
    }
}
