using System;

namespace Rollout.Dsl;

/// <summary>
/// Written by the RolloutDsl source generator into every assembly that references the DSL, also when it
/// has no specs: the generator ran, saw <see cref="SpecCount"/> <c>[RolloutSpec]</c> methods and embedded
/// <see cref="PlanCount"/> plans. The build step keeps the artifacts folder in sync only when the two
/// agree; without this marker (the generator did not run or failed) it writes and removes nothing.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class RolloutGeneratorRunAttribute : Attribute
{
    public RolloutGeneratorRunAttribute(int specCount, int planCount)
    {
        SpecCount = specCount;
        PlanCount = planCount;
    }

    /// <summary>How many <c>[RolloutSpec]</c> methods the generator saw.</summary>
    public int SpecCount { get; }

    /// <summary>How many of them it read, rendered and embedded as <see cref="RolloutPlanArtifactAttribute"/>.</summary>
    public int PlanCount { get; }
}
