using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace Rollout.Dsl;

/// <summary>Reads the plans the generator embedded in an assembly.</summary>
public static class RolloutPlanArtifacts
{
    /// <summary>Every plan embedded in <paramref name="assembly"/>, ordered by plan id.</summary>
    public static IReadOnlyList<RolloutPlanArtifactAttribute> Of(Assembly assembly) =>
        (assembly ?? throw new ArgumentNullException(nameof(assembly)))
            .GetCustomAttributes(typeof(RolloutPlanArtifactAttribute), inherit: false)
            .Cast<RolloutPlanArtifactAttribute>()
            .OrderBy(a => a.PlanId, StringComparer.Ordinal)
            .ToArray();
}
