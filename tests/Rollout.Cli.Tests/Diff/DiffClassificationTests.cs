using System;
using System.Collections.Generic;
using System.Linq;
using Rollout.Cli.Tests.Infrastructure;
using Rollout.Dsl;

namespace Rollout.Cli.Tests.Diff;

/// <summary>
/// One case per classification: a sample plan, one edit, and the exact lines `rollout diff old new` prints
/// (readiness lines included where the edit breaks a rule), plus the exit code.
/// </summary>
public sealed class DiffClassificationTests
{
    private sealed record Case(RolloutPlan Old, Func<RolloutPlan, RolloutPlan> Edit, int ExitCode, string[] Lines);

    private static RolloutPlan EditStage(RolloutPlan plan, string name, Func<Stage, Stage> edit) =>
        plan with { Stages = [.. plan.Stages.Select(stage => stage.Name == name ? edit(stage) : stage)] };

    private static RolloutPlan EditAuthority(RolloutPlan plan, Func<AuthorityRules, AuthorityRules> edit) => plan with { Authority = edit(plan.Authority!) };

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["stop-loss threshold loosened"] = new(Samples.Checkout,
            plan => plan with { StopLosses = plan.StopLosses.SetItem(0, plan.StopLosses[0] with { When = Signal.ErrorRate.Above(1) }) }, 3,
            ["riskier new-checkout-flow stopLoss[error_rate].when: stop-loss loosened: error_rate > 0.5 % to error_rate > 1 %"]),
        ["stop-loss threshold tightened"] = new(Samples.Checkout,
            plan => plan with { StopLosses = plan.StopLosses.SetItem(0, plan.StopLosses[0] with { When = Signal.ErrorRate.AtLeast(0.5) }) }, 1,
            ["safer new-checkout-flow stopLoss[error_rate].when: stop-loss tightened: error_rate > 0.5 % to error_rate >= 0.5 %"]),
        ["advance gate loosened (upper bound)"] = new(Samples.Checkout,
            plan => EditStage(plan, "staged", stage => stage with { AdvanceWhen = stage.AdvanceWhen.SetItem(1, Signal.LatencyP99.Below(TimeSpan.FromMilliseconds(800))) }), 3,
            ["riskier new-checkout-flow stages[staged].advanceWhen[latency_p99]: advance gate loosened: latency_p99 < 400 ms to latency_p99 < 800 ms"]),
        ["advance gate loosened (lower bound)"] = new(
            EditStage(Samples.Checkout, "canary", stage => stage with { AdvanceWhen = stage.AdvanceWhen.Add(Signal.Percent("success_rate").AtLeast(99.9)) }),
            plan => EditStage(plan, "canary", stage => stage with { AdvanceWhen = stage.AdvanceWhen.SetItem(2, Signal.Percent("success_rate").AtLeast(99)) }), 3,
            ["riskier new-checkout-flow stages[canary].advanceWhen[success_rate]: advance gate loosened: success_rate >= 99.9 % to success_rate >= 99 %"]),
        ["advance gate removed"] = new(Samples.Checkout,
            plan => EditStage(plan, "staged", stage => stage with { AdvanceWhen = [.. stage.AdvanceWhen.Take(2)] }), 3,
            ["riskier new-checkout-flow stages[staged].advanceWhen[payment_errors]: advance gate payment_errors <= 0 removed"]),
        ["observation window shortened"] = new(Samples.Checkout,
            plan => EditStage(plan, "staged", stage => stage with { Observe = TimeSpan.FromHours(1) }), 3,
            ["riskier new-checkout-flow stages[staged].observe: observation window shortened from 4 h to 1 h"]),
        ["observation window lengthened"] = new(Samples.Checkout,
            plan => EditStage(plan, "canary", stage => stage with { Observe = TimeSpan.FromHours(1) }), 1,
            ["safer new-checkout-flow stages[canary].observe: observation window lengthened from 30 min to 1 h"]),
        ["traffic step enlarged"] = new(Samples.Checkout,
            plan => EditStage(plan, "staged", stage => stage with { TrafficPercent = 50 }), 3,
            [
                "riskier new-checkout-flow stages[staged].traffic.percent: traffic step enlarged from +9 to +49 points (10 % to 50 %)",
                "safer new-checkout-flow stages[full].traffic.percent: traffic step reduced from +90 to +50 points (100 % to 100 %)",
            ]),
        ["stage removed"] = new(Samples.Checkout,
            plan => plan with { Stages = [.. plan.Stages.Where(stage => stage.Name != "staged")] }, 3,
            [
                "riskier new-checkout-flow stages[staged]: stage 'staged' removed",
                "riskier new-checkout-flow stages[full].traffic.percent: traffic step enlarged from +90 to +99 points (100 % to 100 %)",
            ]),
        ["stage added"] = new(Samples.Checkout,
            plan => plan with
            {
                Stages = [.. plan.Stages.Take(2)
                    .Append(new Stage { Name = "half", TrafficPercent = 50, Observe = TimeSpan.FromHours(4), AdvanceWhen = plan.Stages[1].AdvanceWhen })
                    .Append(plan.Stages[2])],
            }, 1,
            [
                "safer new-checkout-flow stages[full].traffic.percent: traffic step reduced from +90 to +50 points (100 % to 100 %)",
                "safer new-checkout-flow stages[half]: stage 'half' added",
            ]),
        ["stop-loss action weakened"] = new(Samples.Checkout,
            plan => plan with { StopLosses = plan.StopLosses.SetItem(0, plan.StopLosses[0] with { Action = StopLossAction.Halt }) }, 3,
            ["riskier new-checkout-flow stopLoss[error_rate].action: stop-loss action weakened from rollback to halt"]),
        ["stop-loss removed"] = new(Samples.Checkout,
            plan => plan with { StopLosses = [] }, 3,
            [
                "riskier new-checkout-flow stopLoss[error_rate]: stop-loss error_rate > 0.5 % -> rollback removed",
                "riskier new-checkout-flow stopLoss[payment_errors]: stop-loss payment_errors > 5 -> rollback removed",
                "riskier new-checkout-flow readiness[ROLL001]: ROLL001 now fails: Plan 'new-checkout-flow' has no stop-loss threshold, so nobody knows when to stop. Add .StopLoss(<metric condition>, StopLossAction.Rollback), e.g. .StopLoss(Signal.ErrorRate.Above(0.5), StopLossAction.Rollback).",
            ]),
        ["rollback step removed"] = new(Samples.Dedup,
            plan => plan with { Rollback = [.. plan.Rollback.Where(step => step.Kind != RollbackKind.Config)] }, 3,
            ["riskier contact-dedup-job rollback[config]: rollback step config 'DEDUP_JOB_ENABLED' (10 s) removed"]),
        ["rollback step slower"] = new(Samples.Checkout,
            plan => plan with { Rollback = plan.Rollback.SetItem(0, plan.Rollback[0] with { Takes = TimeSpan.FromMinutes(10) }) }, 3,
            ["riskier new-checkout-flow rollback[config].takes: rollback time lengthened from 30 s to 10 min"]),
        ["data-repair owner removed"] = new(Samples.Dedup,
            plan => plan with { Rollback = plan.Rollback.SetItem(1, plan.Rollback[1] with { Owner = null }) }, 3,
            [
                "riskier contact-dedup-job rollback[dataRepair].owner: owner 'data-eng on-call' removed",
                "riskier contact-dedup-job readiness[ROLL012]: ROLL012 now fails: Plan 'contact-dedup-job': data repair 'restore-originals.py --since=<deploy_time>' has no owner. Add owner: \"<team>\" to r.DataRepair(...).",
            ]),
        ["point of no return moved earlier"] = new(Samples.Dedup,
            plan => plan with { PointOfNoReturn = plan.PointOfNoReturn! with { AfterStage = "pilot" } }, 3,
            ["riskier contact-dedup-job pointOfNoReturn.afterStage: point of no return moved earlier: after stage 'half' to after stage 'pilot'"]),
        ["point of no return removed"] = new(Samples.Dedup,
            plan => plan with { PointOfNoReturn = null }, 3,
            [
                "riskier contact-dedup-job pointOfNoReturn: point of no return removed",
                "riskier contact-dedup-job readiness[ROLL011]: ROLL011 now fails: Plan 'contact-dedup-job' changes persistent state (persistent data, database schema) but has no point of no return. Add .PointOfNoReturn(p => p.AfterStage(\"<stage>\").ForwardFix(\"<forward repair path>\", owner: \"<team>\")).",
            ]),
        ["authority narrowed"] = new(Samples.Checkout,
            plan => EditAuthority(plan, authority => authority with { Triggers = authority.Triggers.SetItem(1, new TriggerRight { Role = Role.OnCall, When = Trigger.StopLossCrossed }) }), 3,
            ["riskier new-checkout-flow authority.mayTrigger[on-call engineer]: authority narrowed: 'on-call engineer' may trigger a rollback for any reason before, when a stop-loss is crossed now"]),
        ["announcement deadline longer"] = new(Samples.Checkout,
            plan => EditAuthority(plan, authority => authority with { Announcement = authority.Announcement! with { Within = TimeSpan.FromMinutes(30) } }), 3,
            ["riskier new-checkout-flow authority.announce.within: announcement deadline lengthened from 5 min to 30 min"]),
        ["stop-loss evaluated less often"] = new(Samples.Checkout,
            plan => plan with { StopLossEvaluation = plan.StopLossEvaluation with { Every = TimeSpan.FromMinutes(5) } }, 3,
            ["riskier new-checkout-flow stopLossEvaluation.every: stop-loss evaluation interval lengthened from 1 min to 5 min"]),
        ["measurement removed"] = new(Samples.Checkout,
            plan => plan with { Measurements = [.. plan.Measurements.Where(m => m.Metric.Name != "payment_errors")] }, 3,
            [
                "riskier new-checkout-flow measurements[payment_errors]: measurement of payment_errors removed",
                "riskier new-checkout-flow readiness[ROLL024]: ROLL024 now fails: Plan 'new-checkout-flow': metric 'payment_errors' (used by an advance gate of stage 'staged' (#2)) has no measurement, so no pipeline can evaluate it and someone must judge it by hand. Add .Measure(<metric>, query: \"<Prometheus query returning a count over [$window]>\") to the plan.",
            ]),
        ["wording only"] = new(Samples.Checkout,
            plan => EditStage(plan with { Title = "Checkout v2" }, "canary", stage => stage with { Audience = "staff" }), 1,
            [
                "neutral new-checkout-flow title: title changed from 'New checkout flow' to 'Checkout v2'",
                "neutral new-checkout-flow stages[canary].traffic.audience: audience changed from 'internal users only' to 'staff'",
            ]),
        ["no change"] = new(Samples.Checkout, plan => plan, 0, []),
    };

    public static TheoryData<string> CaseNames() => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Diff_prints_the_exact_classification(string name)
    {
        var (old, edit, exitCode, lines) = Cases[name];
        using var folder = new TempFolder("rollout-diff");
        var oldFile = folder.Write("old/" + old.Id + ".plan.json", old.ToJson());
        var newFile = folder.Write("new/" + old.Id + ".plan.json", edit(old).ToJson());

        var result = Tool.Run("diff", oldFile, newFile);

        var printed = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join("\n", lines), string.Join("\n", printed[..^1]));
        Assert.Equal(exitCode, result.ExitCode);
        Assert.Equal("", result.Error);
    }

    [Fact]
    public void Folders_pair_plans_by_id_and_report_added_and_deleted_plans()
    {
        using var folder = new TempFolder("rollout-diff");
        folder.Write("old/new-checkout-flow.plan.json", Samples.Checkout.ToJson());
        folder.Write("old/contact-dedup-job.plan.json", Samples.Dedup.ToJson());
        folder.Write("new/renamed-file.plan.json", Samples.Checkout.ToJson());
        folder.Write("new/dark-mode-toggle.plan.json", Samples.Plan("dark-mode-toggle").ToJson());

        var result = Tool.Run("diff", System.IO.Path.Combine(folder.Path, "old"), System.IO.Path.Combine(folder.Path, "new"));

        Assert.Equal(
            "riskier dark-mode-toggle plan: plan added: a new rollout; review the whole plan\n"
            + "safer contact-dedup-job plan: plan deleted: this rollout is no longer planned\n"
            + "2 change(s): 1 riskier, 1 safer, 0 neutral.\n", result.Output);
        Assert.Equal(3, result.ExitCode);
    }
}
