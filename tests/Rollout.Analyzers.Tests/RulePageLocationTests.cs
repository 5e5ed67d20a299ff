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

    private static string? FailingExample(string ruleId)
    {
        var page = File.ReadAllText(RepoPaths.Combine("docs", "rules", ruleId + ".md")).Replace("\r\n", "\n");
        var match = Regex.Match(page, "## Fails\n\n```csharp\n(.*?)```", RegexOptions.Singleline);
        return match.Success ? match.Groups[1].Value : null;
    }
}
