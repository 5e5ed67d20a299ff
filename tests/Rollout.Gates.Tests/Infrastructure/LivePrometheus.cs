using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using CheckoutService.Specs;
using Rollout.Dsl;

namespace Rollout.Gates.Tests.Infrastructure;

/// <summary>One real Prometheus with <see cref="History"/> for every live test of the collection.</summary>
public sealed class LivePrometheus : IDisposable
{
    public LivePrometheus()
    {
        Server = PrometheusServer.Start(History.OpenMetrics(DateTimeOffset.UtcNow));
    }

    public PrometheusServer Server { get; }

    public static HttpClient Http { get; } = new();

    /// <summary>Short limits, so a failing case answers in seconds; retries stay on.</summary>
    public static GateOptions Options { get; } = new()
    {
        Timeout = TimeSpan.FromSeconds(20),
        AttemptTimeout = TimeSpan.FromSeconds(5),
        Retries = 2,
        FirstRetryDelay = TimeSpan.FromMilliseconds(100),
    };

    public Task<GateResult> Evaluate(RolloutPlan plan, string stage, DateTimeOffset? startedAt = null) =>
        new GateEvaluator(Http, Server.Address, Options).EvaluateAsync(plan, stage, startedAt);

    /// <summary>The sample checkout plan, measured on another service of <see cref="History"/>.</summary>
    public static RolloutPlan CheckoutPlanFor(string service, StopLossAction? action = null)
    {
        var plan = NewCheckoutFlow.Plan();
        plan = plan with
        {
            Measurements = [.. plan.Measurements.Select(m => m with { Query = m.Query.Replace("service=\"checkout\"", "service=\"" + service + "\"") })],
        };
        if (action is { } forced)
        {
            plan = plan with { StopLosses = [.. plan.StopLosses.Select(s => s with { Action = forced })] };
        }
        return plan;
    }

    /// <summary>The sample checkout plan with one metric measured by <paramref name="query"/>.</summary>
    public static RolloutPlan CheckoutPlanMeasuring(Metric metric, string query)
    {
        var plan = NewCheckoutFlow.Plan();
        return plan with
        {
            Measurements = [.. plan.Measurements.Select(m => m.Metric.Name == metric.Name ? m with { Query = query } : m)],
        };
    }

    public void Dispose() => Server.Dispose();
}

[CollectionDefinition(Name)]
public sealed class LivePrometheusCollection : ICollectionFixture<LivePrometheus>
{
    public const string Name = "live prometheus";
}
