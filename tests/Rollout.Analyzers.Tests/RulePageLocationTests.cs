extern alias Analyzers;

using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Rollout.TestSupport;
using RolloutSpecAnalyzer = Analyzers::Rollout.Analyzers.RolloutSpecAnalyzer;

namespace Rollout.Analyzers.Tests;

/// <summary>
/// For the failing example of every rule page in docs/rules: the page's rule fires, and every diagnostic lands on
/// one call (the call that wrote the value, or the RolloutPlan.Create(...) call alone for a part that is missing),
/// never on a span that holds a chain of calls from its start. A new rule that reports at the chain start fails here.
/// </summary>
public sealed class RulePageLocationTests
{
    public static TheoryData<string> PagesWithASpecExample()
    {
        var data = new TheoryData<string>();
        foreach (var id in SpecPages()) data.Add(id);
        return data;
    }

    private static string[] SpecPages() =>
        Directory.GetFiles(RepoPaths.Combine("docs", "rules"), "ROLL*.md")
            .Select(page => Path.GetFileNameWithoutExtension(page)!)
            .Where(id => FailingExample(id) is { } example && example.Contains("[RolloutSpec]", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToArray();

    [Fact]
    public void Every_catalog_rule_and_ROLL100_has_a_spec_example()
    {
        var ids = SpecPages();
        foreach (var rule in Rollout.Dsl.Rules.RuleCatalog.All) Assert.Contains(rule.Id, ids);
        Assert.Contains("ROLL100", ids);
    }

    [Theory]
    [MemberData(nameof(PagesWithASpecExample))]
    public async Task Every_diagnostic_of_the_failing_example_lands_on_one_call_not_the_chain(string ruleId)
    {
        var source = "using System;\nusing Rollout.Dsl;\n\npublic static class Spec\n{\n" + FailingExample(ruleId) + "}\n";
        var tree = CSharpSyntaxTree.ParseText(source, path: ruleId + ".cs");
        var compilation = CSharpCompilation.Create("RuleExample", [tree],
            Basic.Reference.Assemblies.Net100.References.All.Append(MetadataReference.CreateFromFile(typeof(Rollout.Dsl.RolloutPlan).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var diagnostics = await compilation.WithAnalyzers([new RolloutSpecAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        Assert.Contains(diagnostics, d => d.Id == ruleId);
        var root = await tree.GetRootAsync();
        var model = compilation.GetSemanticModel(tree);
        foreach (var diagnostic in diagnostics)
        {
            var span = diagnostic.Location.SourceSpan;
            // A chain span starts with a builder call that is the receiver of the next one: Create(...).Owner(...)...
            // (a value written with two calls, Signal.Count("x").AtMost(0), is one value and fine.)
            var chain = root.DescendantNodes(span).OfType<MemberAccessExpressionSyntax>()
                .FirstOrDefault(access => access.SpanStart == span.Start && span.Contains(access.Span) && access.Expression is InvocationExpressionSyntax
                    && model.GetTypeInfo(access.Expression).Type?.Name.EndsWith("Builder", StringComparison.Ordinal) == true);
            Assert.True(chain is null, diagnostic + "\nspans a chain of calls: " + source.Substring(span.Start, span.Length));
        }
    }

    /// <summary>
    /// The failing example of every catalog rule, run: each finding of <c>plan.Validate()</c> is reported once, with
    /// its message, and when the part it names (or the nearest part above it) is in the plan's JSON, some call wrote it,
    /// so the diagnostic is not on the <c>RolloutPlan.Create(...)</c> call. A builder method whose path is lost (renamed,
    /// new, unrecorded) moves its diagnostics to Create and fails here.
    /// </summary>
    [Theory]
    [MemberData(nameof(CatalogRules))]
    public async Task Every_finding_of_the_failing_example_lands_on_the_call_that_wrote_the_value(string ruleId)
    {
        var source = "using System;\nusing Rollout.Dsl;\n\npublic static class Spec\n{\n" + FailingExample(ruleId) + "}\n";
        var tree = CSharpSyntaxTree.ParseText(source, path: ruleId + ".cs");
        var compilation = CSharpCompilation.Create("RuleExample_" + ruleId, [tree],
            Basic.Reference.Assemblies.Net100.References.All.Append(MetadataReference.CreateFromFile(typeof(Rollout.Dsl.RolloutPlan).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var plan = Run(compilation);
        var findings = Rollout.Dsl.RolloutPlanExtensions.Validate(plan);
        Assert.Contains(findings, f => f.RuleId == ruleId);
        using var json = System.Text.Json.JsonDocument.Parse(Rollout.Dsl.RolloutPlanExtensions.ToJson(plan));

        var diagnostics = (await compilation.WithAnalyzers([new RolloutSpecAnalyzer()]).GetAnalyzerDiagnosticsAsync()).ToList();
        var root = await tree.GetRootAsync();
        var create = root.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Single(call => call.Expression is MemberAccessExpressionSyntax { Name.Identifier.Text: "Create" });
        foreach (var finding in findings)
        {
            Assert.Equal(finding.Path, finding.At.ToString());
            var diagnostic = Assert.Single(diagnostics, d => d.Id == finding.RuleId && d.GetMessage() == finding.Message);
            var written = WrittenPart(json.RootElement, finding.At);
            if (written is null) continue;
            Assert.True(diagnostic.Location.SourceSpan != create.Span,
                finding + "\nnames " + written + ", which the plan has, but lands on the Create call instead of the call that wrote it.");
        }
    }

    public static TheoryData<string> CatalogRules()
    {
        var data = new TheoryData<string>();
        foreach (var rule in Rollout.Dsl.Rules.RuleCatalog.All) data.Add(rule.Id);
        return data;
    }

    /// <summary>The part itself, else the nearest part above it, that the plan's JSON holds (a non-empty value); null for none but the plan.</summary>
    private static Rollout.Dsl.PlanPath? WrittenPart(System.Text.Json.JsonElement plan, Rollout.Dsl.PlanPath path)
    {
        for (var current = path; current is { IsPlan: false }; current = current.Parent)
        {
            if (Resolve(plan, current.ToJsonPointer()) is { } value
                && value.ValueKind is not (System.Text.Json.JsonValueKind.Null or System.Text.Json.JsonValueKind.Undefined)
                && !(value.ValueKind == System.Text.Json.JsonValueKind.Array && value.GetArrayLength() == 0))
            {
                return current;
            }
        }
        return null;
    }

    private static System.Text.Json.JsonElement? Resolve(System.Text.Json.JsonElement element, string pointer)
    {
        foreach (var part in pointer.Split('/').Skip(1))
        {
            if (element.ValueKind == System.Text.Json.JsonValueKind.Object && element.TryGetProperty(part, out var child)) element = child;
            else if (element.ValueKind == System.Text.Json.JsonValueKind.Array && int.TryParse(part, out var index) && index < element.GetArrayLength()) element = element[index];
            else return null;
        }
        return element;
    }

    /// <summary>Runs the example's [RolloutSpec] method, as a service would at run time.</summary>
    private static Rollout.Dsl.RolloutPlan Run(CSharpCompilation compilation)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var context = new System.Runtime.Loader.AssemblyLoadContext(compilation.AssemblyName, isCollectible: true);
        try
        {
            image.Position = 0;
            var spec = context.LoadFromStream(image).GetType("Spec", throwOnError: true)!.GetMethods()
                .Single(m => m.GetCustomAttributes(typeof(Rollout.Dsl.RolloutSpecAttribute), inherit: false).Length > 0);
            return (Rollout.Dsl.RolloutPlan)spec.Invoke(null, null)!;
        }
        finally
        {
            context.Unload();
        }
    }

    private static string? FailingExample(string ruleId)
    {
        var page = File.ReadAllText(RepoPaths.Combine("docs", "rules", ruleId + ".md")).Replace("\r\n", "\n");
        var match = Regex.Match(page, "## Fails\n\n```csharp\n(.*?)```", RegexOptions.Singleline);
        return match.Success ? match.Groups[1].Value : null;
    }
}
