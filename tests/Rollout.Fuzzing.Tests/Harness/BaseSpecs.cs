using System;
using System.IO;
using System.Linq;
using Rollout.TestSupport;

namespace Rollout.Fuzzing.Harness;

/// <summary>The specs mutants start from: a ready plan written here, and the sample service's three specs.</summary>
public static class BaseSpecs
{
    public const string Ready = """
        using System;
        using Rollout.Dsl;

        namespace Service.Specs;

        public static class Checkout
        {
            [RolloutSpec]
            public static RolloutPlan Plan() =>
                RolloutPlan.Create("new-checkout-flow")
                    .Title("New checkout flow")
                    .Owner("payments")
                    .Touches(Surface.PaymentFlow, Surface.HighTrafficPath)
                    .Stage("canary", s => s
                        .Traffic(1, "internal users only")
                        .Observe(TimeSpan.FromMinutes(30))
                        .AdvanceWhen(Signal.ErrorRate.Below(0.1), Signal.LatencyP99.Below(TimeSpan.FromMilliseconds(400))))
                    .Stage("full", s => s
                        .Traffic(100)
                        .After(TimeSpan.FromHours(24), "at 'canary' without incident"))
                    .StopLoss(Signal.ErrorRate.Above(0.5), StopLossAction.Rollback)
                    .Rollback(r => r.Config(flag: "NEW_CHECKOUT_ENABLED", takes: TimeSpan.FromSeconds(30)))
                    .Authority(a => a
                        .MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed)
                        .MayTrigger(Role.OnCall, Trigger.AnyReason)
                        .Announce("#incidents", within: TimeSpan.FromMinutes(5))
                        .Inform(Role.Product));
        }
        """;

    /// <summary><see cref="Ready"/> with one piece of text replaced; fails loudly when the piece is not there.</summary>
    public static string ReadyWith(string find, string replace)
    {
        if (!Ready.Contains(find, StringComparison.Ordinal)) throw new ArgumentException("'" + find + "' is not in the ready spec");
        return Ready.Replace(find, replace, StringComparison.Ordinal);
    }

    /// <summary>Every base: the ready spec and the sample's spec files (those with a <c>[RolloutSpec]</c>).</summary>
    public static (string Name, string Source)[] All() =>
        new[] { ("Ready", Ready) }
            .Concat(SampleFiles().Where(f => IsSpec(f.Source)).Select(f => (Path.GetFileNameWithoutExtension(f.Path), f.Source)))
            .ToArray();

    /// <summary>
    /// The sample's other files in its Specs folder (the metric queries its plans name): compiled beside every
    /// mutant, as they are beside the specs in the service, so a mutant fails only for what was mutated.
    /// </summary>
    public static readonly (string Path, string Source)[] Support =
        SampleFiles().Where(f => !IsSpec(f.Source)).Select(f => ("Support/" + Path.GetFileName(f.Path), f.Source)).ToArray();

    private static bool IsSpec(string source) => source.Contains("[RolloutSpec", StringComparison.Ordinal);

    private static (string Path, string Source)[] SampleFiles() =>
        Directory.GetFiles(RepoPaths.Combine("samples", "CheckoutService", "Specs"), "*.cs")
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (p, File.ReadAllText(p)))
            .ToArray();
}
