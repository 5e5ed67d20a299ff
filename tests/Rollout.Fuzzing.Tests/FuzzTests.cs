using System.Linq;
using Rollout.Fuzzing.Fuzzing;
using Xunit.Abstractions;

namespace Rollout.Fuzzing.Tests;

/// <summary>The fixed-seed share of the fuzzer that runs with every `dotnet test`; the long run is documented in docs/robustness.md.</summary>
public class FuzzTests
{
    private readonly ITestOutputHelper _output;

    public FuzzTests(ITestOutputHelper output) => _output = output;

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
        Assert.True(report.Kinds.Values.Sum(k => k.CodeFixesApplied) >= 5, report.Describe());
        Assert.True(report.Kinds.Values.Sum(k => k.CancellationTrials) >= 40, report.Describe());
    }
}
