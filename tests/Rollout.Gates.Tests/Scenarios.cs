using System;
using System.Collections.Generic;
using CheckoutService.Specs;
using Rollout.Dsl;
using Rollout.Semantics;
using Rollout.Gates.Tests.Infrastructure;

namespace Rollout.Gates.Tests;

/// <summary>The evaluations whose real answers are recorded under Recorded/, with the decision each must give.</summary>
public static class Scenarios
{
    public sealed record Scenario(string Name, Func<RolloutPlan> Plan, string Stage, Decision Decision, Verdict[] Verdicts);

    public static IReadOnlyList<Scenario> All { get; } = new Scenario[]
    {
        new("healthy-staged", NewCheckoutFlow.Plan, "staged", Decision.Advance,
            new[] { Verdict.Clear, Verdict.Clear, Verdict.Pass, Verdict.Pass, Verdict.Pass }),
        new("burning-canary", () => LivePrometheus.CheckoutPlanFor("burning"), "canary", Decision.RollBack,
            new[] { Verdict.Crossed, Verdict.Clear, Verdict.Fail, Verdict.Pass }),
        new("slow-canary", () => LivePrometheus.CheckoutPlanFor("slow"), "canary", Decision.Hold,
            new[] { Verdict.Clear, Verdict.Clear, Verdict.Pass, Verdict.Fail }),
        new("ghost-canary", () => LivePrometheus.CheckoutPlanFor("ghost"), "canary", Decision.Hold,
            new[] { Verdict.NoData, Verdict.NoData, Verdict.NoData, Verdict.NoData }),
        new("idle-canary", () => LivePrometheus.CheckoutPlanFor("idle"), "canary", Decision.Hold,
            new[] { Verdict.NoData, Verdict.Clear, Verdict.NoData, Verdict.NoData }),
        new("rejected-query-canary", () => LivePrometheus.CheckoutPlanMeasuring(Signal.LatencyP99, "histogram_quantile(0.99, sum by (le) (rate(http_server_request_duration_seconds_bucket[$window]))"), "canary", Decision.Hold,
            new[] { Verdict.Clear, Verdict.Clear, Verdict.Pass, Verdict.NoData }),
        new("series-per-status-canary", () => LivePrometheus.CheckoutPlanMeasuring(Signal.ErrorRate, "rate(http_server_requests_total{service=\"checkout\"}[$window])"), "canary", Decision.Hold,
            new[] { Verdict.NoData, Verdict.Clear, Verdict.NoData, Verdict.Pass }),
    };

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var scenario in All) data.Add(scenario.Name);
        return data;
    }
}
