extern alias Generators;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using SpecInput = Generators::Rollout.Generators.SpecInput;
using TrackingNames = Generators::Rollout.Generators.RolloutGenerator.TrackingNames;

namespace Rollout.Generators.Tests.Infrastructure;

/// <summary>
/// The generator's cache contract (written down in src/Rollout.Generators/PipelineModels.cs), checked on every
/// generator run of these tests: the driver runs again on a clone of the same compilation, and then every tracked
/// step must give equal outputs, each Cached or Unchanged, the generated sources and diagnostics must be the same,
/// and no step output may hold a compiler object in any field, however deep.
/// </summary>
internal static class IncrementalCache
{
    /// <summary>Every tracking name the generator declares (its TrackingNames constants), so a new step is checked too.</summary>
    public static IReadOnlyList<string> TrackedSteps { get; } = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    private static readonly Type[] CompilerTypes =
    {
        typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Compilation), typeof(SemanticModel), typeof(Location),
    };

    /// <summary>
    /// <paramref name="driver"/> has just run over <paramref name="compilation"/> with step tracking on. Runs it again
    /// over a clone and asserts the contract; returns the driver after that second run.
    /// </summary>
    public static GeneratorDriver AssertSecondRunIsCached(GeneratorDriver driver, Compilation compilation)
    {
        var first = driver.GetRunResult().Results.Single();
        Assert.True(first.TrackedSteps.ContainsKey(TrackingNames.Outputs), "the driver did not track steps; create it with trackSteps: true");
        var again = driver.RunGenerators(compilation.Clone());
        var second = again.GetRunResult().Results.Single();

        Assert.Equal(first.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())), second.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())));
        Assert.Equal(first.Diagnostics.Select(d => d.ToString()), second.Diagnostics.Select(d => d.ToString()));

        foreach (var name in TrackedSteps)
        {
            var steps1 = first.TrackedSteps.TryGetValue(name, out var s1) ? s1 : ImmutableArray<IncrementalGeneratorRunStep>.Empty;
            var steps2 = second.TrackedSteps.TryGetValue(name, out var s2) ? s2 : ImmutableArray<IncrementalGeneratorRunStep>.Empty;
            Assert.True(steps1.Length == steps2.Length, $"{name}: {steps1.Length} run(s) first, {steps2.Length} on the clone");
            for (var i = 0; i < steps1.Length; i++)
            {
                var outputs1 = steps1[i].Outputs;
                var outputs2 = steps2[i].Outputs;
                Assert.True(outputs1.Length == outputs2.Length, $"{name}[{i}]: {outputs1.Length} output(s) first, {outputs2.Length} on the clone");
                for (var j = 0; j < outputs1.Length; j++)
                {
                    var where = $"{name}[{i}].Outputs[{j}]";
                    AssertHoldsNoCompilerObjects(outputs1[j].Value, where);
                    AssertHoldsNoCompilerObjects(outputs2[j].Value, where);
                    // A volatile input (unbounded dependencies, partial method) is read on every run by design.
                    if (outputs1[j].Value is SpecInput { Volatile: not null }) continue;
                    Assert.True(Equals(outputs1[j].Value, outputs2[j].Value), $"{where} is not equal to itself on a cloned compilation: {outputs1[j].Value}");
                    Assert.True(outputs2[j].Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                        $"{where} is {outputs2[j].Reason} on a cloned compilation; want Cached or Unchanged");
                }
            }
        }
        foreach (var output in second.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs))
        {
            Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, "a source output re-ran on a cloned compilation: " + output.Reason);
        }
        return again;
    }

    /// <summary>Walks <paramref name="value"/>'s fields (public and private, recursively, array elements too) for compiler objects.</summary>
    public static void AssertHoldsNoCompilerObjects(object? value, string where) =>
        Walk(value, new HashSet<object>(ReferenceEqualityComparer.Instance), where);

    private static void Walk(object? value, HashSet<object> seen, string path)
    {
        if (value is null) return;
        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is string or decimal or TimeSpan or DateTime or DateTimeOffset or Type) return;
        if (!type.IsValueType && !seen.Add(value)) return;
        var leaked = CompilerTypes.FirstOrDefault(t => t.IsInstanceOfType(value));
        Assert.True(leaked is null, $"{path} holds a {type.Name} ({leaked?.Name}): it keeps a compilation alive and is never equal across runs");
        if (value is Array array)
        {
            var index = 0;
            foreach (var item in array) Walk(item, seen, path + "[" + index++ + "]");
            return;
        }
        for (var declaring = type; declaring is not null && declaring != typeof(object); declaring = declaring.BaseType)
        {
            foreach (var field in declaring.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                Walk(field.GetValue(value), seen, path + "." + field.Name);
            }
        }
    }
}
