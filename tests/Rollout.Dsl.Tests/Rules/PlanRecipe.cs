using System;
using System.Collections.Generic;
using System.Linq;
using Rollout.Dsl.Rules;

namespace Rollout.Dsl.Tests.Rules;

/// <summary>
/// A complete, ready plan described as plain data, so that a test can change exactly one part and
/// then build it through the real fluent DSL. <see cref="Baseline"/> passes every readiness rule.
/// </summary>
public sealed class PlanRecipe
{
    public const string BaselineId = "order-ledger-v2";

    public string Id { get; set; } = BaselineId;

    public string? Owner { get; set; } = "payments";

    public List<Surface> Touches { get; } = new() { Surface.PaymentFlow, Surface.PersistentData, Surface.DatabaseSchema };

    public List<StageRecipe> Stages { get; } = new()
    {
        new StageRecipe("canary")
        {
            Traffic = 1,
            Audience = "internal users only",
            Observe = TimeSpan.FromMinutes(30),
            Gates = { Signal.ErrorRate.Below(0.1), Signal.LatencyP99.Below(TimeSpan.FromMilliseconds(400)) },
        },
        new StageRecipe("staged")
        {
            Traffic = 10,
            Audience = "randomly sampled",
            Observe = TimeSpan.FromHours(4),
            Gates = { Signal.ErrorRate.Below(0.1), Signal.LatencyP99.Below(TimeSpan.FromMilliseconds(400)), Signal.Count("ledger_mismatches").AtMost(0) },
        },
        new StageRecipe("full") { Traffic = 100, After = TimeSpan.FromHours(24) },
    };

    public List<StopLoss> StopLosses { get; } = new()
    {
        new StopLoss { When = Signal.ErrorRate.Above(0.5), Action = StopLossAction.Rollback },
        new StopLoss { When = Signal.Count("ledger_mismatches").Above(5), Action = StopLossAction.Halt },
    };

    /// <summary>How each metric is measured; every metric of the gates and stop-losses has one.</summary>
    public List<Measurement> Measurements { get; } = new()
    {
        new Measurement { Metric = Signal.ErrorRate, Query = "100 * sum(rate(ledger_requests_failed_total[$window])) / sum(rate(ledger_requests_total[$window]))" },
        new Measurement { Metric = Signal.LatencyP99, Query = "1000 * histogram_quantile(0.99, sum by (le) (rate(ledger_request_seconds_bucket[$window])))" },
        new Measurement { Metric = Signal.Count("ledger_mismatches"), Query = "sum(increase(ledger_mismatches_total[$window]))" },
    };

    /// <summary>Rollback steps in execution order; empty means .Rollback is never called.</summary>
    public List<Action<RollbackBuilder>> Rollback { get; } = new()
    {
        r => r.Config(flag: "LEDGER_V2_ENABLED", takes: TimeSpan.FromSeconds(30)),
        r => r.Code(takes: TimeSpan.FromMinutes(10)),
        r => r.Schema("migrations/0042_ledger_v2.down.sql", takes: TimeSpan.FromMinutes(20)),
        r => r.DataRepair("repair-ledger.py --since=<deploy_time>", owner: "payments-data", takes: TimeSpan.FromHours(2), when: "entries were written by v2"),
    };

    /// <summary>False: .Authority is never called.</summary>
    public bool HasAuthority { get; set; } = true;

    public List<TriggerRight> Triggers { get; } = new()
    {
        new TriggerRight { Role = Role.ReleaseEngineer, When = Trigger.StopLossCrossed },
        new TriggerRight { Role = Role.OnCall, When = Trigger.AnyReason },
    };

    /// <summary>Null: .Announce is never called.</summary>
    public (string Channel, TimeSpan Within)? Announce { get; set; } = ("#incidents", TimeSpan.FromMinutes(5));

    public List<Role> Informed { get; } = new() { Role.Product, Role.Management };

    public List<Role> SignOff { get; } = new();

    /// <summary>False: .PointOfNoReturn is never called.</summary>
    public bool HasPointOfNoReturn { get; set; } = true;

    public string? PointAfterStage { get; set; } = "staged";

    public string? PointMoment { get; set; }

    public string? ForwardFix { get; set; } = "finish the migration, then correct entries with repair-ledger.py";

    public StageRecipe Stage(string name) => Stages.Single(s => s.Name == name);

    /// <summary>Builds the plan through the fluent DSL.</summary>
    public RolloutPlan Build()
    {
        var builder = RolloutPlan.Create(Id).Title("Order ledger v2");
        if (Owner is not null) builder.Owner(Owner);
        builder.Touches(Touches.ToArray());
        foreach (var measurement in Measurements) builder.Measure(measurement.Metric, measurement.Query);
        foreach (var stage in Stages)
        {
            builder.Stage(stage.Name, s =>
            {
                if (stage.Traffic is { } traffic) s.Traffic(traffic, stage.Audience);
                if (stage.Observe is { } observe) s.Observe(observe);
                if (stage.Gates.Count > 0) s.AdvanceWhen(stage.Gates.ToArray());
                if (stage.After is { } after) s.After(after, "without incident");
            });
        }
        foreach (var stopLoss in StopLosses) builder.StopLoss(stopLoss.When, stopLoss.Action);
        if (Rollback.Count > 0)
        {
            builder.Rollback(r =>
            {
                foreach (var step in Rollback) step(r);
            });
        }
        if (HasAuthority)
        {
            builder.Authority(a =>
            {
                foreach (var right in Triggers) a.MayTrigger(right.Role, right.When);
                if (Announce is { } announce) a.Announce(announce.Channel, announce.Within);
                if (Informed.Count > 0) a.Inform(Informed.ToArray());
                if (SignOff.Count > 0) a.RequireSignOff(SignOff.ToArray());
            });
        }
        if (HasPointOfNoReturn)
        {
            builder.PointOfNoReturn(p =>
            {
                if (PointAfterStage is not null) p.AfterStage(PointAfterStage);
                if (PointMoment is not null) p.At(PointMoment);
                if (ForwardFix is not null) p.ForwardFix(ForwardFix, owner: "payments-data");
            });
        }
        return builder;
    }

    /// <summary>The baseline plan, optionally with one part changed by <paramref name="change"/>.</summary>
    public static RolloutPlan Baseline(Action<PlanRecipe>? change = null)
    {
        var recipe = new PlanRecipe();
        change?.Invoke(recipe);
        return recipe.Build();
    }
}

public sealed class StageRecipe
{
    public StageRecipe(string name) => Name = name;

    public string Name { get; set; }

    public double? Traffic { get; set; }

    public string? Audience { get; set; }

    public TimeSpan? Observe { get; set; }

    public List<Condition> Gates { get; } = new();

    public TimeSpan? After { get; set; }
}

/// <summary>Assertions shared by the rule tests.</summary>
public static class RuleAssert
{
    public static Rule Rule(string id) => RuleCatalog.All.Single(r => r.Id == id);

    /// <summary>Validate() reports exactly one finding: <paramref name="ruleId"/> at <paramref name="path"/>, with the rule's default severity.</summary>
    public static Finding Only(RolloutPlan plan, string ruleId, string path)
    {
        var findings = plan.Validate();
        Assert.Equal(new[] { ruleId + " @ " + path }, findings.Select(f => f.RuleId + " @ " + f.Path).ToArray());
        var finding = findings[0];
        Assert.Equal(Rule(ruleId).DefaultSeverity, finding.Severity);
        Assert.Equal(new[] { finding }, Rule(ruleId).Check(plan).ToArray());
        NamesPlan(plan, finding);
        return finding;
    }

    /// <summary>Validate() reports exactly these findings (rule id @ path), in catalog order.</summary>
    public static IReadOnlyList<Finding> Exactly(RolloutPlan plan, params string[] ruleAtPath)
    {
        var findings = plan.Validate();
        Assert.Equal(ruleAtPath, findings.Select(f => f.RuleId + " @ " + f.Path).ToArray());
        foreach (var finding in findings)
        {
            Assert.Equal(Rule(finding.RuleId).DefaultSeverity, finding.Severity);
            NamesPlan(plan, finding);
        }
        return findings;
    }

    /// <summary>The whole plan is ready: no rule fires.</summary>
    public static void Ready(RolloutPlan plan) => Assert.Empty(plan.Validate());

    public static void NamesPlan(RolloutPlan plan, Finding finding) =>
        Assert.Contains("'" + plan.Id + "'", finding.Message, StringComparison.Ordinal);

    public static void Says(Finding finding, params string[] fragments)
    {
        foreach (var fragment in fragments) Assert.Contains(fragment, finding.Message, StringComparison.Ordinal);
    }
}
