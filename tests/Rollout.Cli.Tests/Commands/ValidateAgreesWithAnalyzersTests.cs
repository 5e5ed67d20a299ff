extern alias Analyzers;

using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Rollout.Cli.Tests.Infrastructure;
using Rollout.Dsl;
using Rollout.Dsl.Rules;
using RolloutSpecAnalyzer = Analyzers::Rollout.Analyzers.RolloutSpecAnalyzer;

namespace Rollout.Cli.Tests.Commands;

/// <summary>
/// For the failing example of every catalog rule's page in docs/rules, `rollout validate` on the plan's JSON reports
/// the same rule ids as the build's analyzer on the spec. (ROLL100-103 are compile-time only: they have no JSON plan.)
/// </summary>
public sealed class ValidateAgreesWithAnalyzersTests
{
    public static TheoryData<string> CatalogRules()
    {
        var data = new TheoryData<string>();
        foreach (var rule in RuleCatalog.All) data.Add(rule.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(CatalogRules))]
    public async System.Threading.Tasks.Task Validate_reports_the_rule_ids_the_analyzer_reports_for_the_failing_example(string ruleId)
    {
        var compilation = Compile(FailingExample(ruleId));
        var build = (await compilation.WithAnalyzers([new RolloutSpecAnalyzer()]).GetAnalyzerDiagnosticsAsync())
            .Select(diagnostic => diagnostic.Id).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Contains(ruleId, build);

        var plan = Run(compilation);
        using var folder = new TempFolder("rollout-cli-rules");
        var file = folder.Write(ruleId + ".plan.json", plan.ToJson());
        var result = Tool.Run("validate", file);
        var cli = Regex.Matches(result.Output, @": (ROLL\d{3}) ").Select(match => match.Groups[1].Value)
            .Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.True(build.SequenceEqual(cli), "analyzer: " + string.Join(",", build) + "\nvalidate: " + string.Join(",", cli) + "\n" + result);
        // ROLL016's id is outside the schema's id pattern and ROLL023's "(Trigger)-1" outside its enum: unusable input as well.
        Assert.Equal(ruleId is "ROLL016" or "ROLL023" ? 2 : 1, result.ExitCode);
    }

    private static string FailingExample(string ruleId)
    {
        var page = File.ReadAllText(RepoPaths.Combine("docs", "rules", ruleId + ".md")).Replace("\r\n", "\n");
        var match = Regex.Match(page, "## Fails\n\n```csharp\n(.*?)```", RegexOptions.Singleline);
        Assert.True(match.Success, ruleId + ".md has no failing example");
        return "using System;\nusing Rollout.Dsl;\n\npublic static class Spec\n{\n" + match.Groups[1].Value + "}\n";
    }

    private static CSharpCompilation Compile(string source)
    {
        var compilation = CSharpCompilation.Create("RuleExample" + Guid.NewGuid().ToString("N"),
            [CSharpSyntaxTree.ParseText(source)],
            Basic.Reference.Assemblies.Net100.References.All.Append(MetadataReference.CreateFromFile(typeof(RolloutPlan).Assembly.Location)),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return compilation;
    }

    // The same spec run: the plan is identical to what the build reads statically (a product guarantee tested elsewhere).
    private static RolloutPlan Run(CSharpCompilation compilation)
    {
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var assembly = Assembly.Load(image.ToArray());
        var method = assembly.GetType("Spec")!.GetMethods(BindingFlags.Public | BindingFlags.Static).Single();
        return (RolloutPlan)method.Invoke(null, null)!;
    }
}
