extern alias Generators;

using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Rollout.Generators.Tests.Infrastructure;
using TrackingNames = Generators::Rollout.Generators.RolloutGenerator.TrackingNames;

namespace Rollout.Generators.Tests.Generation;

/// <summary>The generator re-renders only what an edit touched, and keeps no compiler objects in its pipeline.</summary>
public class IncrementalTests
{
    private const string Unrelated = "namespace Service; public static class Unrelated { public static int Value => 1; }";

    [Fact]
    public void Editing_an_unrelated_file_leaves_every_output_cached()
    {
        var (driver, compilation) = FirstRun();

        var edited = ReplaceTree(compilation, "Unrelated.cs", Unrelated.Replace("=> 1", "=> 2"));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAll(result.TrackedSteps[TrackingNames.Inputs], IncrementalStepRunReason.Unchanged, IncrementalStepRunReason.Cached);
        // Cached, not Unchanged: no spec was read again (reading binds the body, the generator's main cost).
        AssertAll(result.TrackedSteps[TrackingNames.Specs], IncrementalStepRunReason.Cached);
        AssertAll(result.TrackedSteps[TrackingNames.Rendered], IncrementalStepRunReason.Cached);
        Assert.All(result.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            output => Assert.Contains(output.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));
    }

    [Fact]
    public void Editing_one_spec_re_renders_only_that_plan()
    {
        var (driver, compilation) = FirstRun();
        var checkout = compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith("NewCheckoutFlow.cs", StringComparison.Ordinal));

        var edited = ReplaceTree(compilation, checkout.FilePath, checkout.ToString().Replace("\"#incidents\"", "\"#payments-incidents\""));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var read = result.TrackedSteps[TrackingNames.Specs].SelectMany(s => s.Outputs).ToList();
        Assert.Single(read, o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Equal(read.Count - 1, read.Count(o => o.Reason == IncrementalStepRunReason.Cached));
        var rendered = result.TrackedSteps[TrackingNames.Rendered].SelectMany(s => s.Outputs).ToList();
        var modified = rendered.Where(o => o.Reason == IncrementalStepRunReason.Modified).ToList();
        Assert.Single(modified);
        Assert.Contains("new-checkout-flow", ((dynamic)modified[0].Value).PlanId);
        Assert.Equal(rendered.Count - 1, rendered.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
    }

    [Fact]
    public void Editing_a_const_in_another_file_re_reads_the_spec_that_uses_it()
    {
        const string Names = "namespace Service; public static class Names { public const string Owner = \"payments\"; }";
        var spec = Samples.SpecFiles().Single(f => f.Path.EndsWith("NewCheckoutFlow.cs", StringComparison.Ordinal));
        var files = Samples.SpecFiles().Where(f => f != spec)
            .Append((spec.Path, spec.Source.Replace(".Owner(\"payments\")", ".Owner(global::Service.Names.Owner)")))
            .Append(("Names.cs", Names)).Append(("Unrelated.cs", Unrelated)).ToArray();
        Assert.Contains("Names.Owner", files.Single(f => f.Item1 == spec.Path).Item2);
        var compilation = SpecCompilation.Compile(files);
        var driver = IncrementalCache.AssertSecondRunIsCached(SpecCompilation.NewDriver(trackSteps: true).RunGenerators(compilation), compilation);

        var edited = ReplaceTree(compilation, "Names.cs", Names.Replace("\"payments\"", "\"payments-core\""));
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        var checkout = result.GeneratedSources.Single(s => s.SourceText.ToString().Contains("// Rollout.Plan.CheckoutService.Specs.NewCheckoutFlow.Plan.", StringComparison.Ordinal));
        Assert.Contains("payments-core", checkout.SourceText.ToString());
        var read = result.TrackedSteps[TrackingNames.Specs].SelectMany(s => s.Outputs).ToList();
        Assert.Single(read, o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Declaring_an_extension_with_a_DSL_name_re_reads_every_spec()
    {
        var (driver, compilation) = FirstRun();

        var edited = ReplaceTree(compilation, "Unrelated.cs", Unrelated + "\nnamespace Service { public static class Mine { public static Rollout.Dsl.RolloutPlanBuilder Owner(this Rollout.Dsl.RolloutPlanBuilder plan, int team) => plan; } }");
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAll(result.TrackedSteps[TrackingNames.Specs], IncrementalStepRunReason.Modified, IncrementalStepRunReason.Unchanged);
    }

    [Fact]
    public void Declaring_an_attribute_named_like_ours_re_reads_every_spec()
    {
        // [RolloutSpec] could now bind to it in a file that imports its namespace: whether a method is a spec is decided
        // when it is read, so every spec is read again.
        var (driver, compilation) = FirstRun();

        var edited = ReplaceTree(compilation, "Unrelated.cs", Unrelated + "\nnamespace Other { public sealed class RolloutSpecAttribute : System.Attribute { } }");
        var result = driver.RunGenerators(edited).GetRunResult().Results.Single();

        AssertAll(result.TrackedSteps[TrackingNames.Specs], IncrementalStepRunReason.Modified, IncrementalStepRunReason.Unchanged);
        Assert.Contains(result.GeneratedSources, s => s.SourceText.ToString().Contains("RolloutGeneratorRunAttribute(3, 3)", StringComparison.Ordinal));
    }

    [Fact]
    public void A_spec_marked_through_an_alias_declared_later_in_another_file_is_found()
    {
        const string Spec = "namespace Service; public static class Aliased { [Mark] public static Rollout.Dsl.RolloutPlan Plan() => Rollout.Dsl.RolloutPlan.Create(\"aliased\"); }";
        var (driver, compilation) = FirstRun();
        var withSpec = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText(Spec, SpecCompilation.ParseOptions, "Aliased.cs"));
        driver = driver.RunGenerators(withSpec);
        // No alias yet: [Mark] names nothing, so there is no fourth plan.
        Assert.DoesNotContain(driver.GetRunResult().GeneratedTrees, t => t.ToString().Contains("\"aliased\"", StringComparison.Ordinal));

        var withAlias = withSpec.AddSyntaxTrees(CSharpSyntaxTree.ParseText("global using Mark = Rollout.Dsl.RolloutSpecAttribute;", SpecCompilation.ParseOptions, "Aliases.cs"));
        var result = driver.RunGenerators(withAlias).GetRunResult();

        Assert.Contains(result.GeneratedTrees, t => t.ToString().Contains("\"aliased\"", StringComparison.Ordinal));
        Assert.Contains(result.GeneratedTrees, t => t.ToString().Contains("RolloutGeneratorRunAttribute(4, 4)", StringComparison.Ordinal));
    }

    [Fact]
    public void Pipeline_values_hold_no_symbols_syntax_or_compilations()
    {
        var (driver, _) = FirstRun();
        var result = driver.GetRunResult().Results.Single();

        // Roslyn's own steps (its syntax providers' internals) hold compilations by design; ours must not.
        var ours = new[] { TrackingNames.Inputs, TrackingNames.Specs, TrackingNames.Rendered, TrackingNames.Outputs };
        Assert.Equal(ours.OrderBy(n => n, StringComparer.Ordinal), IncrementalCache.TrackedSteps.OrderBy(n => n, StringComparer.Ordinal));
        var values = ours.SelectMany(name => result.TrackedSteps[name]).SelectMany(step => step.Outputs).Select(o => o.Value).ToList();
        Assert.NotEmpty(values);
        foreach (var value in values) IncrementalCache.AssertHoldsNoCompilerObjects(value, "step output");
    }

    [Fact]
    public void The_cache_check_finds_a_compiler_object_in_a_private_field_deep_inside_a_value()
    {
        var tree = CSharpSyntaxTree.ParseText("class C { }");
        var leaky = new Outer("plan", new[] { new Inner(1, null), new Inner(2, tree.GetRoot().GetLocation()) });

        var failure = Assert.ThrowsAny<Exception>(() => IncrementalCache.AssertHoldsNoCompilerObjects(leaky, "value"));
        Assert.Contains("value.<Items>k__BackingField[1]._hidden", failure.Message, StringComparison.Ordinal);
        IncrementalCache.AssertHoldsNoCompilerObjects(new Outer("plan", new[] { new Inner(1, null) }), "value");
    }

    private sealed record Outer(string Name, Inner[] Items);

    private sealed class Inner
    {
        private readonly object? _hidden;

        public Inner(int number, object? hidden)
        {
            Number = number;
            _hidden = hidden;
        }

        public int Number { get; }

        public override string ToString() => Number + " " + _hidden;
    }

    private static (GeneratorDriver Driver, Compilation Compilation) FirstRun()
    {
        var files = Samples.SpecFiles().Append(("Unrelated.cs", Unrelated)).ToArray();
        var compilation = SpecCompilation.Compile(files);
        var driver = SpecCompilation.NewDriver(trackSteps: true).RunGenerators(compilation);
        Assert.Equal(5, driver.GetRunResult().GeneratedTrees.Length); // 3 plans, the catalog, the marker
        return (IncrementalCache.AssertSecondRunIsCached(driver, compilation), compilation);
    }

    private static Compilation ReplaceTree(Compilation compilation, string path, string text)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, SpecCompilation.ParseOptions, path));
    }

    private static void AssertAll(IEnumerable<IncrementalGeneratorRunStep> steps, params IncrementalStepRunReason[] allowed)
    {
        var reasons = steps.SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.NotEmpty(reasons);
        Assert.All(reasons, reason => Assert.Contains(reason, allowed));
    }
}
