using System;
using System.IO;
using System.Text.Json.Nodes;
using Rollout.Cli.Tests.Infrastructure;
using Rollout.Gates.Tests.Infrastructure;

namespace Rollout.Cli.Tests.Backtest;

/// <summary>One real Prometheus holding <see cref="WeeksOfHistory"/> (three weeks, backfilled by promtool) for every backtest test.</summary>
public sealed class BacktestPrometheus : IDisposable
{
    private readonly TempFolder _folder = new("rollout-backtest-plans");

    public BacktestPrometheus()
    {
        History = WeeksOfHistory.Generate();
        Server = PrometheusServer.Start(History.OpenMetrics());
        Plan = _folder.Write("checkout.plan.json", PlanJson(withMeasurements: true));
        PlanWithoutMeasurements = _folder.Write("unmeasured.plan.json", PlanJson(withMeasurements: false));
    }

    public WeeksOfHistory History { get; }

    public PrometheusServer Server { get; }

    public string Url => Server.Address.AbsoluteUri.TrimEnd('/');

    /// <summary>The sample checkout plan, its canary gated on the error rate alone (the history has no latency histogram).</summary>
    public string Plan { get; }

    /// <summary>The same plan with its measurements taken out.</summary>
    public string PlanWithoutMeasurements { get; }

    public void Dispose()
    {
        Server.Dispose();
        _folder.Dispose();
    }

    private static string PlanJson(bool withMeasurements)
    {
        var plan = JsonNode.Parse(File.ReadAllText(Tool.SamplePlan("new-checkout-flow")))!.AsObject();
        var canaryGates = plan["stages"]![0]!["advanceWhen"]!.AsArray();
        for (var i = canaryGates.Count - 1; i >= 0; i--)
        {
            if ((string?)canaryGates[i]!["metric"] != "error_rate") canaryGates.RemoveAt(i);
        }
        if (!withMeasurements) plan["measurements"] = new JsonArray();
        return plan.ToJsonString();
    }
}
