using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Rollout.Dsl;
using Rollout.Reading;

namespace Rollout.Fuzzing.Harness;

/// <summary>
/// The three readings of a spec checked against each other: the syntactic one (what the generator embeds when it
/// decides), the bound one (the compiler's body, what the analyzer checks) and run time. Every spec the syntactic
/// reader decides must equal the bound reading; and when the differential check applies (the mutant compiles clean
/// and every spec produced a plan), its runbook and JSON must be run time's byte for byte.
/// </summary>
public static class ThreeReadings
{
    /// <summary>How many specs the syntactic reader decided, and every disagreement among the three readings.</summary>
    public static (int Decided, IReadOnlyList<string> Mismatches) Compare(HarnessResult result, CancellationToken cancellationToken = default)
    {
        var mismatches = new List<string>();
        var decided = new List<(string Method, RolloutPlan Plan)>();
        foreach (var tree in result.Input.SyntaxTrees.Where(t => t.FilePath == "Spec.cs"))
        {
            foreach (var declaration in tree.GetRoot(cancellationToken).DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                if (!declaration.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() is "RolloutSpec" or "RolloutSpecAttribute" or "Rollout.Dsl.RolloutSpec")) continue;
                // A fresh model per reading: the syntactic reader must not profit from a body another reading bound.
                if (result.Input.GetSemanticModel(tree).GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol method) continue;
                var syntactic = SyntacticSpecReader.TryRead(method, declaration, result.Input.GetSemanticModel(tree), cancellationToken);
                if (syntactic is null) continue;
                decided.Add((method.Name, syntactic));
                var bound = SpecReader.Read(method, declaration, result.Input.GetSemanticModel(tree), cancellationToken);
                if (bound.Plan is { } plan)
                {
                    if (!plan.Equals(syntactic)) mismatches.Add("spec " + method.Name + ": the syntactic reading differs from the bound one");
                }
                else if (bound.Problems.Count > 0)
                {
                    mismatches.Add("spec " + method.Name + ": the syntactic reader read a plan the bound reader refuses (" + bound.Problems[0].Message + ")");
                }
            }
        }
        if (decided.Count > 0 && Differential.Applies(result))
        {
            var runtime = result.RunSpecs();
            foreach (var (name, plan) in decided)
            {
                // Copies and overloads share a name at run time: only a spec whose name is its own is matched.
                if (decided.Count(d => d.Method == name) != 1 || runtime.Count(r => r.Method == name) != 1) continue;
                var ran = runtime.Single(r => r.Method == name);
                if (ran.Exception is not null) mismatches.Add("spec " + name + " throws at run time (" + ran.Exception + ") but the syntactic reader read a plan from it");
                else if (ran.Runbook != plan.ToRunbook() || ran.Json != plan.ToJson()) mismatches.Add("spec " + name + ": the syntactic reading renders differently from run time");
            }
        }
        return (decided.Count, mismatches);
    }
}
