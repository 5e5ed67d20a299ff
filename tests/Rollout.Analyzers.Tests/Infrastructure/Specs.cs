namespace Rollout.Analyzers.Tests.Infrastructure;

/// <summary>Spec source text for tests: a complete plan and ways to wrap a chain in a spec class.</summary>
public static class Specs
{
    public const string Usings = "using System;\nusing Rollout.Dsl;\n\n";

    /// <summary>A ready plan: every rule passes. Each part on its own line so tests can swap one.</summary>
    public const string Owner = ".Owner(\"payments\")";
    public const string Touches = ".Touches(Surface.PaymentFlow)";
    public const string Measure = ".Measure(Signal.ErrorRate, query: \"100 * sum(rate(errors_total[$window])) / sum(rate(requests_total[$window]))\")";
    public const string Canary = ".Stage(\"canary\", s => s.Traffic(1, \"internal users\").Observe(TimeSpan.FromMinutes(30)).AdvanceWhen(Signal.ErrorRate.Below(0.1)))";
    public const string Full = ".Stage(\"full\", s => s.Traffic(100))";
    public const string StopLoss = ".StopLoss(Signal.ErrorRate.Above(0.5), StopLossAction.Rollback)";
    public const string Rollback = ".Rollback(r => r.Config(flag: \"CHECKOUT_V2\", takes: TimeSpan.FromSeconds(30)))";
    public const string Authority = ".Authority(a => a.MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed).MayTrigger(Role.OnCall, Trigger.AnyReason).Announce(\"#incidents\", within: TimeSpan.FromMinutes(5)))";

    public const string Create = "RolloutPlan.Create(\"checkout-v2\")";

    /// <summary>The complete plan with parts replaced: pass e.g. (StopLoss, "") to drop the stop-loss.</summary>
    public static string Chain(params (string Part, string Replacement)[] replacements)
    {
        var parts = new[] { Create, Owner, Touches, Measure, Canary, Full, StopLoss, Rollback, Authority };
        for (var i = 0; i < parts.Length; i++)
        {
            foreach (var (part, replacement) in replacements)
            {
                if (parts[i] == part) parts[i] = replacement;
            }
        }
        var lines = new System.Collections.Generic.List<string>();
        foreach (var part in parts)
        {
            if (part.Length > 0) lines.Add(part);
        }
        return string.Join("\n            ", lines);
    }

    /// <summary>One spec method named Plan returning <paramref name="chain"/>, in a static class, with usings.</summary>
    public static string Spec(string chain, string members = "") =>
        Usings
        + "public static class Specs\n{\n"
        + members
        + "    [RolloutSpec]\n"
        + "    public static RolloutPlan Plan() =>\n"
        + "        " + chain + ";\n"
        + "}\n";
}
