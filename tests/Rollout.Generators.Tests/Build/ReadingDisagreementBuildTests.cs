using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Rollout.Generators.Tests.Infrastructure;
using Rollout.TestSupport;

namespace Rollout.Generators.Tests.Build;

/// <summary>
/// ROLL104 through a real `dotnet build` with the .NET default warning settings: the sample service plus a spec whose
/// owner is a const local that shadows a field. Both readings agree and the build succeeds; with a fault injected into
/// the analyzer's syntactic reading (it forgets const locals, docs/rules/ROLL104.md) they disagree, and the build fails
/// with ROLL104 located on that spec and leaves the written artifacts untouched.
/// </summary>
public sealed class ReadingDisagreementBuildTests : IDisposable
{
    private const string ShadowedOwner = """
        using System;
        using Rollout.Dsl;

        namespace CheckoutService.Specs;

        public static class ShadowedOwner
        {
            private const string Team = "platform";

            [RolloutSpec]
            public static RolloutPlan Plan()
            {
                const string Team = "web-frontend";
                return RolloutPlan.Create("shadowed-owner")
                    .Owner(Team)
                    .Touches(Surface.Config)
                    .Measure(Signal.ErrorRate, query: CheckoutQueries.OrderPageErrorRate)
                    .Stage("staff", s => s.Traffic(5, "staff accounts").Observe(TimeSpan.FromMinutes(15)).AdvanceWhen(Signal.ErrorRate.Below(0.5)))
                    .Stage("everyone", s => s.Traffic(100))
                    .StopLoss(Signal.ErrorRate.Above(1), StopLossAction.Rollback)
                    .Rollback(r => r.Config(flag: "SHADOWED_ENABLED", takes: TimeSpan.FromSeconds(5)))
                    .Authority(a => a.MayTrigger(Role.OnCall, Trigger.AnyReason).Announce("#web-releases", within: TimeSpan.FromMinutes(15)));
            }
        }
        """;

    private readonly TempFolder _service = new("rollout-roll104");

    public void Dispose() => _service.Dispose();

    [Fact]
    public void A_syntactic_reading_that_differs_from_the_bound_one_fails_the_default_build_and_writes_nothing()
    {
        SourceBuiltService.WriteProject(_service, "<RolloutArtifactsPath>rollout/</RolloutArtifactsPath>", withAnalyzers: true);
        foreach (var (path, source) in Samples.SpecFiles()) _service.Write("Specs/" + Path.GetFileName(path), source);
        _service.Write("Specs/ShadowedOwner.cs", ShadowedOwner);

        var agreed = Build();
        Assert.True(agreed.Succeeded, agreed.Describe());
        Assert.Contains("RolloutDsl: 4 plan(s) -> ", agreed.Output);
        var folder = Path.Combine(_service.Path, "rollout");
        Assert.Contains("\"owner\": \"web-frontend\"", File.ReadAllText(Path.Combine(folder, "shadowed-owner.plan.json")), StringComparison.Ordinal);
        var before = Snapshot(folder);

        _service.Write(".globalconfig", "is_global = true\nrollout_fault_injection = syntactic_reader_ignores_const_locals\n");
        var faulty = Build();
        Assert.False(faulty.Succeeded, faulty.Describe());
        Assert.Matches(new Regex(@"ShadowedOwner\.cs\(11,31\): error ROLL104: Spec 'Plan' reads differently from its syntax"), faulty.Output);
        Assert.Single(Regex.Matches(faulty.Output, @"error ROLL1\d\d:").Select(m => m.Value).Distinct());
        Assert.DoesNotContain("AD0001", faulty.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("CS8785", faulty.Output, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(folder));
    }

    private CommandResult Build() =>
        Command.Run(_service.Path, TimeSpan.FromMinutes(5), null, "build", "-v:n", "-p:UseSharedCompilation=false");

    private static SortedDictionary<string, string> Snapshot(string folder) =>
        new(Directory.GetFiles(folder).ToDictionary(p => Path.GetFileName(p)!, p => Convert.ToBase64String(File.ReadAllBytes(p)) + "@" + File.GetLastWriteTimeUtc(p).Ticks), StringComparer.Ordinal);
}
