using Microsoft.CodeAnalysis;

namespace Rollout.Reading;

/// <summary>
/// The part of the DSL a spec is read through: its fluent calls, not everything the assembly happens to
/// make public. Record constructors, <c>with</c>, <c>Validate()</c>, <c>ToString()</c> and the
/// like are not replayed: the build reads exactly what the fluent builders would build at run time, or refuses.
/// </summary>
internal static class FluentSurface
{
    /// <summary>Whether a call to <paramref name="method"/> is part of the surface a spec is written in.</summary>
    public static bool Allows(IMethodSymbol method)
    {
        if (RuntimeBinding.IsTimeSpan(method.ContainingType))
        {
            return method.IsStatic && method.MethodKind == MethodKind.Ordinary && method.Name.StartsWith("From", System.StringComparison.Ordinal);
        }
        if (!RuntimeBinding.IsDsl(method) || method.MethodKind != MethodKind.Ordinary) return false;
        var owner = method.ContainingType.Name;
        if (method.IsStatic)
        {
            return (owner, method.Name) switch
            {
                ("RolloutPlan", "Create") => true,
                ("Signal", "Count" or "Percent" or "Latency") => true,
                ("Role", "Named") => true,
                _ => false,
            };
        }
        // Builder steps return their builder (and a plan builder's Build() the plan); a metric's comparisons return a condition.
        if (IsBuilder(method.ContainingType))
        {
            return SymbolEqualityComparer.Default.Equals(method.ReturnType, method.ContainingType)
                || (owner == "RolloutPlanBuilder" && method.Name == "Build" && method.Parameters.IsEmpty);
        }
        return owner == "Metric" && method.ReturnType.Name == "Condition";
    }

    /// <summary>A builder of the DSL: it implements the (internal) IPlanBuilder contract through which it reports what each call wrote.</summary>
    private static bool IsBuilder(INamedTypeSymbol type)
    {
        foreach (var contract in type.Interfaces)
        {
            if (contract.Name == nameof(Rollout.Dsl.IPlanBuilder) && RuntimeBinding.IsDsl(contract)) return true;
        }
        return false;
    }

    /// <summary>Static properties of the surface: <c>Signal.ErrorRate</c>, <c>Role.OnCall</c>...</summary>
    public static bool Allows(IPropertySymbol property) =>
        RuntimeBinding.IsDsl(property) && property.IsStatic && property.Parameters.IsEmpty
        && property.ContainingType.Name is "Signal" or "Role";

    /// <summary>The one user-visible conversion: a finished builder is the plan.</summary>
    public static bool AllowsConversion(IMethodSymbol conversion) =>
        RuntimeBinding.IsDsl(conversion) && conversion.ContainingType.Name == "RolloutPlanBuilder" && conversion.ReturnType.Name == "RolloutPlan";
}
