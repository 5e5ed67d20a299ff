using System;
using System.IO;
using System.Threading.Tasks;
using CheckoutService.Specs;
using Rollout.Dsl;
using Rollout.Run.Tests.Infrastructure;
using Rollout.Semantics;
using Rollout.Semantics.Tests;

namespace Rollout.Run.Tests;

/// <summary>Input the executor must not act on is refused with one line naming the file, and nothing is written.</summary>
public sealed class BadInputTests
{
    private static MetricTimeline Healthy() =>
        new TimelineBuilder().Value("error_rate", -10, 0.02).Value("latency_p99", -10, 190).Value("payment_errors", -10, 0).Build();

    private static string Snapshot(string folder) =>
        string.Join("\n", Array.ConvertAll(Directory.GetFiles(folder, "*", SearchOption.AllDirectories), f => f + "=" + (f.EndsWith(".lock", StringComparison.Ordinal) ? "" : File.ReadAllText(f))));

    private static void OneLine(RunInputException error, string mentions)
    {
        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains(mentions, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_state_file_of_another_plan_is_refused()
    {
        using var release = new Release(NewCheckoutFlow.Plan(), Healthy());
        await release.At(TimelineBuilder.T0);
        var before = Snapshot(release.Folder);
        var other = new Release(DarkModeToggle.Plan(), Healthy());
        var stranger = new ReleaseExecutor(new RunSetup
        {
            Plan = DarkModeToggle.Plan(), PlanFile = "x.plan.json", FlagFile = new FlagFile(release.FlagPath, FlagFormat.FeatureManagement, null),
            StatePath = release.StatePath, AuditPath = release.AuditPath, Source = Healthy(), Clock = release.Clock,
        });

        var error = await Assert.ThrowsAsync<RunInputException>(() => stranger.EvaluateAsync(TimelineBuilder.At(1)));

        OneLine(error, "belongs to plan 'new-checkout-flow', not 'dark-mode-toggle'");
        Assert.Equal(before, Snapshot(release.Folder));
        other.Dispose();
    }

    [Fact]
    public async Task A_state_file_of_a_changed_plan_is_refused()
    {
        using var release = new Release(NewCheckoutFlow.Plan(), Healthy());
        await release.At(TimelineBuilder.T0);
        var before = Snapshot(release.Folder);
        var changed = NewCheckoutFlow.Plan() with { Title = "New checkout flow, edited" };
        var executor = new ReleaseExecutor(new RunSetup
        {
            Plan = changed, PlanFile = "x.plan.json", FlagFile = new FlagFile(release.FlagPath, FlagFormat.FeatureManagement, null),
            StatePath = release.StatePath, AuditPath = release.AuditPath, Source = Healthy(), Clock = release.Clock,
        });

        var error = await Assert.ThrowsAsync<RunInputException>(() => executor.EvaluateAsync(TimelineBuilder.At(1)));

        OneLine(error, "plan 'new-checkout-flow' has changed since this release started");
        Assert.Equal(before, Snapshot(release.Folder));
    }

    [Theory]
    [InlineData("{\"flags\": {}}", "is not a Microsoft.FeatureManagement configuration")]
    [InlineData("flag: on", "is not a Microsoft.FeatureManagement configuration")]
    public async Task A_flag_file_of_another_format_is_refused_before_anything_is_written(string existing, string message)
    {
        using var release = new Release(NewCheckoutFlow.Plan(), Healthy());
        File.WriteAllText(release.FlagPath, existing);
        var before = Snapshot(release.Folder);

        var error = await Assert.ThrowsAsync<RunInputException>(() => release.At(TimelineBuilder.T0));

        OneLine(error, message);
        Assert.Contains("--target feature-management", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(release.Folder));
        Assert.False(File.Exists(release.StatePath));
    }

    [Fact]
    public async Task An_audit_log_in_a_missing_folder_is_refused_before_anything_is_written()
    {
        using var release = new Release(NewCheckoutFlow.Plan(), Healthy());
        var executor = new ReleaseExecutor(new RunSetup
        {
            Plan = release.Plan, PlanFile = "x.plan.json", FlagFile = new FlagFile(release.FlagPath, FlagFormat.FeatureManagement, null),
            StatePath = release.StatePath, AuditPath = Path.Combine(release.Folder, "missing", "audit.jsonl"), Source = Healthy(), Clock = release.Clock,
        });

        var error = await Assert.ThrowsAsync<RunInputException>(() => executor.EvaluateAsync(TimelineBuilder.T0));

        OneLine(error, "--audit: folder");
        Assert.Empty(Directory.GetFileSystemEntries(release.Folder));
    }

    [Fact]
    public async Task An_evaluation_before_the_last_one_is_refused()
    {
        using var release = new Release(NewCheckoutFlow.Plan(), Healthy());
        await release.At(TimelineBuilder.At(10));
        var before = Snapshot(release.Folder);

        var error = await Assert.ThrowsAsync<RunInputException>(() => release.At(TimelineBuilder.At(5)));

        OneLine(error, "the release was last evaluated as of 2026-12-06 08:10:00 UTC, after 2026-12-06 08:05:00 UTC");
        Assert.Equal(before, Snapshot(release.Folder));
    }

    [Fact]
    public async Task A_plan_that_is_not_ready_is_never_run()
    {
        var unready = NewCheckoutFlow.Plan() with { StopLosses = [] };
        using var release = new Release(unready, Healthy());

        var error = await Assert.ThrowsAsync<RunInputException>(() => release.At(TimelineBuilder.T0));

        OneLine(error, "Plan 'new-checkout-flow' is not ready: ROLL001");
        Assert.Empty(Directory.GetFiles(release.Folder));
    }

    [Theory]
    [InlineData("{\"kind\": \"something-else\", \"version\": 1}", "not a rollout run state file")]
    [InlineData("[1, 2]", "not a rollout run state file")]
    [InlineData("{\"kind\": \"rollout-run-state\", \"version\": 7}", "its version is not 1")]
    [InlineData("{\"kind\": \"rollout-run-state\", \"version\": 1, \"plan\": 5}", "not valid JSON of that kind")]
    public async Task A_state_file_that_is_not_ours_is_refused(string text, string message)
    {
        using var release = new Release(NewCheckoutFlow.Plan(), Healthy());
        File.WriteAllText(release.StatePath, text);
        var before = Snapshot(release.Folder);

        var error = await Assert.ThrowsAsync<RunInputException>(() => release.At(TimelineBuilder.T0));

        OneLine(error, message);
        Assert.Equal(before, Snapshot(release.Folder));
    }

    [Fact]
    public async Task An_approval_by_a_role_the_plan_does_not_empower_is_refused_and_nothing_is_recorded()
    {
        var (plan, timeline, _, _) = ExecutorMatchesInterpreterTests.Scenario("dedup approved then forward fix");
        using var release = new Release(plan, timeline);
        await release.At(TimelineBuilder.T0);
        await release.At(TimelineBuilder.At(120));
        Assert.Equal(ReleaseMode.Waiting, release.State().Position!.Mode);
        var before = Snapshot(release.Folder);

        var error = Assert.Throws<RunInputException>(() => ApprovalDesk.Record(release.StatePath, plan, "product", null, TimelineBuilder.At(121)));

        OneLine(error, "--by 'product': plan 'contact-dedup-job' lets only 'release engineer' or 'on-call engineer' approve here");
        Assert.Equal(before, Snapshot(release.Folder));
    }

    [Fact]
    public async Task An_approval_where_nothing_waits_is_refused()
    {
        using var release = new Release(NewCheckoutFlow.Plan(), Healthy());
        await release.At(TimelineBuilder.T0);
        var before = Snapshot(release.Folder);

        var error = Assert.Throws<RunInputException>(() => ApprovalDesk.Record(release.StatePath, NewCheckoutFlow.Plan(), "eng lead", null, TimelineBuilder.At(1)));

        OneLine(error, "nothing waits for a person: plan 'new-checkout-flow' is observing at stage 'canary'");
        Assert.Equal(before, Snapshot(release.Folder));
    }
}
