using System;
using System.Linq;
using Rollout.Generators.Tests.Infrastructure;
using Rollout.TestSupport;

namespace Rollout.Generators.Tests.Generation;

/// <summary>The generated C# itself: stable, readable, and inert whatever the spec's strings hold.</summary>
public class GeneratedSourceTests
{
    [Fact]
    public void Plan_source_embeds_runbook_and_json_as_one_assembly_attribute()
    {
        var run = SpecCompilation.Run(Samples.SpecFiles());
        var source = run.GeneratedSources.Single(s => s.HintName.Contains("DarkModeToggle", StringComparison.Ordinal));

        Assert.Equal("Rollout.Plan.CheckoutService.Specs.DarkModeToggle.Plan.", source.HintName.Substring(0, 55));
        Snapshot.Match(source.SourceText.ToString(), "cs");
    }

    [Fact]
    public void Catalog_source()
    {
        var run = SpecCompilation.Run(Samples.SpecFiles());
        var catalog = run.GeneratedSources.Single(s => s.HintName == "Rollout.Generated.RolloutCatalog.g.cs");

        Snapshot.Match(catalog.SourceText.ToString(), "cs");
    }

    [Fact]
    public void No_catalog_without_specs()
    {
        var run = SpecCompilation.Run(("Empty.cs", "namespace Service; public static class Nothing { }"));

        Assert.Empty(run.GeneratedSources);
    }

    [Fact]
    public void Hostile_strings_stay_inside_string_literals()
    {
        var run = SpecCompilation.Run(("Hostile.cs", Generation.TestSpecs.Hostile));
        var source = Assert.Single(run.GeneratedSources, s => s.HintName.StartsWith("Rollout.Plan.", StringComparison.Ordinal));

        var tree = source.SyntaxTree;
        Assert.Empty(tree.GetDiagnostics());
        // Exactly one attribute with three string literal arguments, and no other code.
        var root = (Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax)tree.GetRoot();
        var attribute = Assert.Single(Assert.Single(root.AttributeLists).Attributes);
        Assert.All(attribute.ArgumentList!.Arguments, a => Assert.IsType<Microsoft.CodeAnalysis.CSharp.Syntax.LiteralExpressionSyntax>(a.Expression));
        Assert.Empty(root.Members);
        Assert.Empty(root.Usings);
        run.Emit();
    }
}
