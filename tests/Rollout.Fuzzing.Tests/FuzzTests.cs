using System.Linq;
using Rollout.Fuzzing.Fuzzing;
using Rollout.Fuzzing.Harness;
using Xunit.Abstractions;

namespace Rollout.Fuzzing.Tests;

/// <summary>The fixed-seed share of the fuzzer that runs with every `dotnet test`; the long run is documented in docs/robustness.md.</summary>
public class FuzzTests
{
    private readonly ITestOutputHelper _output;

    public FuzzTests(ITestOutputHelper output) => _output = output;

    /// <summary>
    /// A base that does not compile makes every mutant of it a compiler error, and the fuzzer then checks next to
    /// nothing of ours while still reporting 0 problems (it happened once the sample's plans started naming
    /// a class of metric queries in another file).
    /// </summary>
    [Fact]
    public void Every_base_spec_compiles_clean_beside_its_support_files_and_embeds_its_plan()
    {
        foreach (var (name, source) in BaseSpecs.All())
        {
            var result = SpecHarness.Run(source);
            Assert.True(result.Errors.ToList() is [], name + ": " + string.Join("\n", result.Errors));
            Assert.True(result.Marker is { Plans: > 0 } marker && marker.Plans == marker.Specs, name + ": no plan embedded");
        }
    }

    [Fact]
    public void Five_hundred_twenty_fixed_seed_mutants_crash_no_host_and_build_what_run_time_builds()
    {
        var report = FuzzRun.Run(seed: 8, count: 520);
        _output.WriteLine(report.Describe());

        Assert.True(report.Problems.Count == 0, report.Describe());
        Assert.Equal(Mutator.Kinds.Length, report.Kinds.Count);
        Assert.All(report.Kinds.Values, kind => Assert.True(kind.Mutants >= 40));
        // The run exercised what it claims to: differential checks, code fixes and cancellations happened.
        Assert.True(report.Kinds.Values.Sum(k => k.DifferentialChecked) >= 20, report.Describe());
        // The syntactic reader (what the generator embeds first) decided specs, each checked against the other two readings.
        Assert.True(report.Kinds.Values.Sum(k => k.SyntacticDecided) >= 100, report.Describe());
        // Mutations that keep the spec valid C# must mostly compile: otherwise the hosts were barely exercised.
        foreach (var kind in new[] { MutationKind.HostileLiteral, MutationKind.EnumAbuse, MutationKind.NestedCreate, MutationKind.PartialSplit })
        {
            Assert.True(report.Kinds[kind].CompileClean * 2 >= report.Kinds[kind].Mutants, kind + " mostly compile-clean\n" + report.Describe());
        }
        Assert.True(report.Kinds.Values.Sum(k => k.CodeFixesApplied) >= 5, report.Describe());
        Assert.True(report.Kinds.Values.Sum(k => k.CancellationTrials) >= 40, report.Describe());
    }
}
