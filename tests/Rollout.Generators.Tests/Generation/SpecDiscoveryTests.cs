extern alias Generators;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Rollout.Generators.Tests.Infrastructure;
using EvaluatedSpec = Generators::Rollout.Generators.EvaluatedSpec;
using RolloutGenerator = Generators::Rollout.Generators.RolloutGenerator;
using TrackingNames = Generators::Rollout.Generators.RolloutGenerator.TrackingNames;

namespace Rollout.Generators.Tests.Generation;

/// <summary>
/// The generator finds specs by name first and binds only what it reads (SpecCandidates). It must find exactly the
/// methods Roslyn's own <c>ForAttributeWithMetadataName</c> finds, however the attribute is written: a probe generator
/// built on it runs beside ours over the same sources, and the two lists of specs are compared.
/// </summary>
public class SpecDiscoveryTests
{
    private const string Body = "=> Rollout.Dsl.RolloutPlan.Create(\"p\");";

    public static TheoryData<string, string[]> Sources() => new()
    {
        { "plain", new[] { $"using Rollout.Dsl; namespace S; public static class C {{ [RolloutSpec] public static RolloutPlan P() {Body} }}" } },
        { "full name", new[] { $"using Rollout.Dsl; namespace S; public static class C {{ [RolloutSpecAttribute()] public static RolloutPlan P() {Body} }}" } },
        { "qualified", new[] { $"namespace S; public static class C {{ [Rollout.Dsl.RolloutSpec] public static Rollout.Dsl.RolloutPlan P() {Body} [global::Rollout.Dsl.RolloutSpecAttribute] public static Rollout.Dsl.RolloutPlan Q() {Body} }}" } },
        { "local alias", new[] { $"using R = Rollout.Dsl.RolloutSpecAttribute; namespace S; public static class C {{ [R] public static Rollout.Dsl.RolloutPlan P() {Body} }}" } },
        { "alias with the suffix", new[] { $"using MarkAttribute = Rollout.Dsl.RolloutSpecAttribute; namespace S; public static class C {{ [Mark] public static Rollout.Dsl.RolloutPlan P() {Body} }}" } },
        { "global alias elsewhere", new[] { "global using G = Rollout.Dsl.RolloutSpecAttribute;", $"namespace S; public static class C {{ [G] public static Rollout.Dsl.RolloutPlan P() {Body} }}" } },
        { "global namespace alias elsewhere", new[] { "global using D = Rollout.Dsl;", $"namespace S; public static class C {{ [D.RolloutSpec()] public static D.RolloutPlan P() {Body} [D::RolloutSpec] public static D.RolloutPlan Q() {Body} }}" } },
        { "namespace alias", new[] { $"using D = Rollout.Dsl; namespace S; public static class C {{ [D.RolloutSpec] public static D.RolloutPlan P() {Body} [D::RolloutSpecAttribute] public static D.RolloutPlan Q() {Body} }}" } },
        { "among other attributes", new[] { $"using System; using Rollout.Dsl; namespace S; public static class C {{ [Obsolete, RolloutSpec] public static RolloutPlan P() {Body} [Obsolete] [RolloutSpec] public static RolloutPlan Q() {Body} [Obsolete] public static RolloutPlan N() {Body} }}" } },
        { "a look-alike of our own name", new[] { $"namespace Mine {{ public sealed class RolloutSpecAttribute : System.Attribute {{ }} }} namespace S {{ using Mine; public static class C {{ [RolloutSpec] public static Rollout.Dsl.RolloutPlan P() {Body} [Mine.RolloutSpec] public static Rollout.Dsl.RolloutPlan Q() {Body} }} }}" } },
        { "an alias to a look-alike", new[] { $"using R = Mine.RolloutSpecAttribute; namespace Mine {{ public sealed class RolloutSpecAttribute : System.Attribute {{ }} }} namespace S {{ public static class C {{ [R] public static Rollout.Dsl.RolloutPlan P() {Body} }} }}" } },
        { "return target", new[] { $"using Rollout.Dsl; namespace S; public static class C {{ [return: RolloutSpec] public static RolloutPlan P() {Body} }}" } },
        { "partial, attribute on the declaration", new[] { $"using Rollout.Dsl; namespace S; public static partial class C {{ [RolloutSpec] public static partial RolloutPlan P(); public static partial RolloutPlan P() {Body} }}" } },
        { "partial, attribute on the body, other file", new[] { "using Rollout.Dsl; namespace S; public static partial class C { public static partial RolloutPlan P(); }", $"using Rollout.Dsl; namespace S; public static partial class C {{ [RolloutSpec] public static partial RolloutPlan P() {Body} }}" } },
        { "nested and generic types, no namespace", new[] { $"using Rollout.Dsl; public static class Outer<T> {{ public static class Inner {{ [RolloutSpec] public static RolloutPlan P() {Body} }} }}" } },
        { "block namespaces", new[] { $"namespace A {{ namespace B.C {{ using Rollout.Dsl; public static class D {{ [RolloutSpec] public static RolloutPlan P() {Body} }} }} }}" } },
        { "local function (never a spec)", new[] { $"using Rollout.Dsl; namespace S; public static class C {{ public static void M() {{ [RolloutSpec] static RolloutPlan L() {Body} }} }}" } },
        { "instance method (a spec of the wrong shape)", new[] { $"using Rollout.Dsl; namespace S; public class C {{ [RolloutSpec] public RolloutPlan P() {Body} }}" } },
        { "escaped identifiers", new[] { $"using Rollout.Dsl; namespace @class; public static class @struct {{ [@RolloutSpecAttribute] public static RolloutPlan @int() {Body} [@RolloutSpec] public static RolloutPlan @long() {Body} }}" } },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public void Finds_exactly_the_specs_ForAttributeWithMetadataName_finds(string name, string[] sources)
    {
        var compilation = SpecCompilation.Compile(sources.Select((source, i) => ("File" + i + ".cs", source)).ToArray());
        var driver = CSharpGeneratorDriver.Create(
            new[] { new RolloutGenerator().AsSourceGenerator(), new ForAttributeProbe().AsSourceGenerator() },
            parseOptions: SpecCompilation.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true)).RunGenerators(compilation);

        var results = driver.GetRunResult().Results;
        // A step that never ran (no candidate, nothing found) is absent from the tracked steps.
        var ours = results[0].TrackedSteps.GetValueOrDefault(TrackingNames.Specs, ImmutableArray<IncrementalGeneratorRunStep>.Empty).SelectMany(step => step.Outputs)
            .Select(output => (EvaluatedSpec)output.Value).Where(spec => spec.IsSpec)
            .Select(spec => spec.Place.FilePath + "@" + spec.Place.Span.Start).OrderBy(p => p, StringComparer.Ordinal).ToList();
        var roslyns = results[1].TrackedSteps.GetValueOrDefault(ForAttributeProbe.Found, ImmutableArray<IncrementalGeneratorRunStep>.Empty).SelectMany(step => step.Outputs)
            .Select(output => (string)output.Value).OrderBy(p => p, StringComparer.Ordinal).ToList();

        Assert.Equal(roslyns, ours);
        // The cases are meant to find something (or, for the look-alikes and the local function, nothing) on purpose.
        var errors = string.Join("\n", compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var findsNothing = name is "a look-alike of our own name" or "an alias to a look-alike" or "local function (never a spec)";
        Assert.True(findsNothing == (roslyns.Count == 0), name + ": " + roslyns.Count + " found; " + errors);
        var marker = driver.GetRunResult().GeneratedTrees.Select(t => t.ToString()).SingleOrDefault(t => t.Contains("RolloutGeneratorRunAttribute(", StringComparison.Ordinal));
        Assert.NotNull(marker);
        Assert.Contains("RolloutGeneratorRunAttribute(" + roslyns.Count + ",", marker, StringComparison.Ordinal);
    }

    /// <summary>What Roslyn's own attribute search finds: each method's file and the start of its name.</summary>
    private sealed class ForAttributeProbe : IIncrementalGenerator
    {
        public const string Found = "ProbeFound";

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var found = context.SyntaxProvider.ForAttributeWithMetadataName(
                    "Rollout.Dsl.RolloutSpecAttribute",
                    static (node, _) => node is MethodDeclarationSyntax,
                    static (attributed, _) => attributed.TargetNode.SyntaxTree.FilePath + "@" + ((MethodDeclarationSyntax)attributed.TargetNode).Identifier.SpanStart)
                .WithTrackingName(Found);
            context.RegisterSourceOutput(found, static (_, _) => { });
        }
    }
}
