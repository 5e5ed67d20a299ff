using System.IO;
using System.Text.Json;
using Rollout.Plans;
using Rollout.Dsl;

namespace Rollout.Cli.Tests.Infrastructure;

/// <summary>The sample service's committed plans, read through the tool's own reader.</summary>
public static class Samples
{
    public static RolloutPlan Plan(string id)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Tool.SamplePlan(id)));
        return PlanJsonReader.Read(document.RootElement);
    }

    public static RolloutPlan Checkout => Plan("new-checkout-flow");

    public static RolloutPlan Dedup => Plan("contact-dedup-job");
}
