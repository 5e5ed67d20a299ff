using BenchmarkDotNet.Attributes;
using CheckoutService.Specs;
using Rollout.Dsl;

namespace Rollout.Benchmarks;

/// <summary>The per-plan work every host does: build the plan, check it, render both artifacts.</summary>
[MemoryDiagnoser]
public class RenderingBenchmarks
{
    private readonly RolloutPlan _plan = ContactDeduplication.Plan();

    [Benchmark]
    public object BuildAtRunTime() => ContactDeduplication.Plan(); // object: the generated harness sees both copies of the DSL types

    [Benchmark]
    public int Validate() => _plan.Validate().Count;

    [Benchmark]
    public string Runbook() => _plan.ToRunbook();

    [Benchmark]
    public string Json() => _plan.ToJson();
}
