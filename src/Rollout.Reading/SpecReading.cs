using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Rollout.Dsl;

namespace Rollout.Reading;

/// <summary>What the static reader made of one <c>[RolloutSpec]</c> method.</summary>
internal sealed class SpecReading
{
    public SpecReading(
        RolloutPlan? plan,
        IReadOnlyList<ReadProblem> problems,
        IReadOnlyDictionary<PlanPath, Location> pathLocations,
        Location fallbackLocation)
    {
        Plan = plan;
        Problems = problems;
        PathLocations = pathLocations;
        FallbackLocation = fallbackLocation;
    }

    /// <summary>The plan, or null when any part of the spec could not be evaluated.</summary>
    public RolloutPlan? Plan { get; }

    /// <summary>Why the spec could not be (fully) read: wrong shape or a value that is not static.</summary>
    public IReadOnlyList<ReadProblem> Problems { get; }

    /// <summary>Where each part of the plan was written, keyed by the path its builder call reported (plan, id, stages[1], stages[1].observe, ...).</summary>
    public IReadOnlyDictionary<PlanPath, Location> PathLocations { get; }

    /// <summary>The <c>RolloutPlan.Create(...)</c> call, or the method name when there is none.</summary>
    public Location FallbackLocation { get; }

    /// <summary>The most specific place for a finding's path: the path itself, else its nearest recorded parent, else the Create call.</summary>
    public Location LocationOf(PlanPath path)
    {
        for (PlanPath? current = path; current is not null; current = current.Parent)
        {
            if (PathLocations.TryGetValue(current, out var location)) return location;
        }
        return FallbackLocation;
    }

    /// <summary>The same for a path in its text form, "stages[1].observe".</summary>
    public Location LocationOf(string path) => LocationOf(PlanPath.TryParse(path, out var parsed) ? parsed : PlanPath.Plan);
}

internal enum ReadProblemKind
{
    /// <summary>The method is not a static, parameterless, non-generic method returning RolloutPlan.</summary>
    SpecShape,
    /// <summary>A value or call that cannot be evaluated without running user code.</summary>
    NotEvaluable,
    /// <summary>The reader itself failed on this spec (a RolloutDsl bug): ROLL103, the plan is not ready.</summary>
    Failure,
}

/// <summary>One reason a spec could not be read, with the exact place.</summary>
internal sealed record ReadProblem(ReadProblemKind Kind, string Message, Location Location);
