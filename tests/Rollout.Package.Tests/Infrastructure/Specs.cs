using System;
using System.IO;
using System.Linq;

namespace Rollout.Package.Tests.Infrastructure;

/// <summary>The specs the consumer projects contain, as a service team would write them.</summary>
public static class Specs
{
    /// <summary>A consumer builds the repository's own sample specs, so the package's output can be compared with the committed artifacts.</summary>
    public static string SamplesFolder => RepoPaths.Combine("samples", "CheckoutService", "Specs");

    public static string SampleArtifact(string fileName) => File.ReadAllText(RepoPaths.Combine("samples", "CheckoutService", "rollout", fileName));

    public const string NewCheckoutFlowId = "new-checkout-flow";
    public const string DarkModeId = "dark-mode-toggle";
    public const string NoStopLossId = NewCheckoutFlowId;

    public static string NewCheckoutFlow => File.ReadAllText(Path.Combine(SamplesFolder, "NewCheckoutFlow.cs"));

    public static string DarkMode => File.ReadAllText(Path.Combine(SamplesFolder, "DarkModeToggle.cs"));

    /// <summary>The service's shared Prometheus queries, which every sample spec uses; write it beside any of them.</summary>
    public static string Queries => File.ReadAllText(Path.Combine(SamplesFolder, "CheckoutQueries.cs"));

    /// <summary>The checkout sample with its stop-loss lines deleted, as a newcomer would: ROLL001 and nothing else.</summary>
    public static string NoStopLoss =>
        string.Join("\n", NewCheckoutFlow.Split('\n').Where(line => !line.TrimStart().StartsWith(".StopLoss(", StringComparison.Ordinal)));

    /// <summary>The service's own code using the generated catalog at run time.</summary>
    public const string Program = """
        using System;
        using Rollout.Generated;

        Console.WriteLine("plans: " + RolloutCatalog.Plans.Count);
        foreach (var plan in RolloutCatalog.Plans) Console.WriteLine("plan: " + plan.PlanId);
        var checkout = RolloutCatalog.Find("new-checkout-flow") ?? throw new InvalidOperationException("new-checkout-flow is not in the catalog");
        Console.WriteLine("runbook: " + checkout.RunbookMarkdown.Split('\n')[0]);
        Console.WriteLine("--- json ---");
        Console.Write(checkout.PlanJson);
        Console.WriteLine("--- end ---");
        Console.WriteLine("missing: " + (RolloutCatalog.Find("no-such-plan") is null));

        """;

    /// <summary>The <c>RolloutPlan.Create(...)</c> call ROLL001 is reported on, as 0-based line and character span (end exclusive).</summary>
    public static (int Line, int StartCharacter, int EndCharacter) CreateCallOf(string source)
    {
        const string call = "RolloutPlan.Create(\"" + NoStopLossId + "\")";
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var at = lines[i].IndexOf(call, StringComparison.Ordinal);
            if (at >= 0) return (i, at, at + call.Length);
        }
        throw new InvalidOperationException("The spec has no " + call + ".");
    }
}
