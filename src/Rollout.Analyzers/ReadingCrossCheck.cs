using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Rollout.Dsl;
using Rollout.Reading;

namespace Rollout.Analyzers;

/// <summary>
/// The generator embeds what the syntactic reader reads (<see cref="SyntacticSpecReader"/>) and reads with the bound
/// reader only what it declines. The analyzer gets the compiler's bound body for free, so it reads every spec both
/// ways and reports ROLL104, an error, when the syntactic reading decided a plan the bound reading does not
/// produce: a mistake of the fast path can never ship a wrong runbook silently.
/// </summary>
internal static class ReadingCrossCheck
{
    /// <summary>
    /// Fault injection for the tests of this check (and only for them): with
    /// <c>rollout_fault_injection = syntactic_reader_ignores_const_locals</c> in a global analyzer config, the analyzer's
    /// syntactic reading forgets the spec's const locals (a local that shadows a field reads as the field), the
    /// mistake a reader makes when it forgets scopes. It can only add ROLL104 errors; the generator never reads it.
    /// </summary>
    public const string FaultOption = "rollout_fault_injection";

    public const string IgnoreConstLocalsFault = "syntactic_reader_ignores_const_locals";

    /// <summary>ROLL104's message when the two readings differ, or null when they agree (or the syntactic reader declined).</summary>
    public static string? Disagreement(IMethodSymbol method, MethodDeclarationSyntax declaration, SemanticModel model, SpecReading bound, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var fault = options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(FaultOption, out var value) && value == IgnoreConstLocalsFault;
        var syntactic = SyntacticSpecReader.TryRead(method, declaration, model, cancellationToken, ignoreConstLocals: fault);
        if (syntactic is null) return null;
        if (bound.Plan is { } plan)
        {
            if (plan.Equals(syntactic)) return null;
            return "Spec '" + method.Name + "' reads differently from its syntax (what the generator embeds) than from the compiler's bound body (plan '"
                + plan.Id + "' against '" + syntactic.Id + "'" + FirstDifference(plan, syntactic) + "). The plan is treated as not ready; this is a RolloutDsl bug, "
                + "please report it with the spec.";
        }
        // The bound reader refused what the syntactic one read (its ROLL100/ROLL101 say why); a spec that does not compile is the compiler's.
        if (bound.Problems.Count == 0) return null;
        return "Spec '" + method.Name + "' reads to plan '" + syntactic.Id + "' from its syntax (what the generator embeds), but the compiler's bound body cannot be read "
            + "(see the other errors on it). The plan is treated as not ready; this is a RolloutDsl bug, please report it with the spec.";
    }

    /// <summary>The first top-level part of the plan that differs, to start a bug report.</summary>
    private static string FirstDifference(RolloutPlan bound, RolloutPlan syntactic)
    {
        if (bound.Id != syntactic.Id) return "";
        foreach (var property in typeof(RolloutPlan).GetProperties())
        {
            if (property.GetIndexParameters().Length > 0) continue;
            if (!Equals(property.GetValue(bound), property.GetValue(syntactic))) return "; first difference: " + property.Name;
        }
        return "";
    }
}
