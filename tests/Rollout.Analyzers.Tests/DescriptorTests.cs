extern alias Analyzers;

using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using Rollout.Dsl;
using Rollout.Dsl.Rules;
using Rollout.TestSupport;
using RolloutDescriptors = Analyzers::Rollout.Analyzers.RolloutDescriptors;
using RolloutSpecAnalyzer = Analyzers::Rollout.Analyzers.RolloutSpecAnalyzer;

namespace Rollout.Analyzers.Tests;

/// <summary>The descriptor table stays the catalog's, plus the three compile-time rules.</summary>
public sealed class DescriptorTests
{
    private static readonly ImmutableArray<DiagnosticDescriptor> Supported = new RolloutSpecAnalyzer().SupportedDiagnostics;

    private static readonly string[] CompileTimeIds = { "ROLL100", "ROLL101", "ROLL102", "ROLL103" };

    [Fact]
    public void Descriptor_ids_are_the_catalog_ids_and_the_compile_time_rules()
    {
        var expected = RuleCatalog.All.Select(r => r.Id).Concat(CompileTimeIds).OrderBy(id => id, StringComparer.Ordinal);
        Assert.Equal(expected, Supported.Select(d => d.Id).OrderBy(id => id, StringComparer.Ordinal));
    }

    [Fact]
    public void Default_severities_and_titles_match_the_catalog()
    {
        foreach (var rule in RuleCatalog.All)
        {
            var descriptor = Supported.Single(d => d.Id == rule.Id);
            var severity = rule.DefaultSeverity == RuleSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
            Assert.True(severity == descriptor.DefaultSeverity, rule.Id + ": " + descriptor.DefaultSeverity + " != " + severity);
            Assert.Equal(rule.Title, descriptor.Title.ToString());
        }
        foreach (var id in CompileTimeIds)
        {
            Assert.Equal(DiagnosticSeverity.Error, Supported.Single(d => d.Id == id).DefaultSeverity);
        }
    }

    [Fact]
    public void Every_descriptor_has_category_help_link_and_a_docs_page()
    {
        foreach (var descriptor in Supported)
        {
            Assert.Equal("RolloutReadiness", descriptor.Category);
            Assert.Equal("{0}", descriptor.MessageFormat.ToString());
            Assert.True(descriptor.IsEnabledByDefault);
            Assert.Equal("https://github.com/rolloutdsl/rolloutdsl/blob/main/docs/rules/" + descriptor.Id + ".md", descriptor.HelpLinkUri);
            Assert.True(File.Exists(RepoPaths.Combine("docs", "rules", descriptor.Id + ".md")), "docs/rules/" + descriptor.Id + ".md is missing");
            Assert.Contains("[" + descriptor.Id + "](" + descriptor.Id + ".md)", File.ReadAllText(RepoPaths.Combine("docs", "rules", "README.md")));
        }
        Assert.Contains(WellKnownDiagnosticTags.CompilationEnd, RolloutDescriptors.DuplicatePlanId.CustomTags);
    }

    [Fact]
    public void Release_tracking_lists_every_id_with_category_and_severity()
    {
        var unshipped = File.ReadAllLines(RepoPaths.Combine("src", "Rollout.Analyzers", "AnalyzerReleases.Unshipped.md"));
        foreach (var descriptor in Supported)
        {
            var row = unshipped.Single(line => line.StartsWith(descriptor.Id + " ", StringComparison.Ordinal));
            var cells = row.Split('|').Select(c => c.Trim()).ToArray();
            Assert.Equal("RolloutReadiness", cells[1]);
            Assert.Equal(descriptor.DefaultSeverity.ToString(), cells[2]);
        }
    }

    [Fact]
    public async Task A_compilation_without_Rollout_Dsl_runs_no_action()
    {
        // Even a method that looks like a spec does nothing when the compilation does not reference the DSL.
        var source = "public static class Specs { [RolloutSpec] public static object Plan() => null!; }\npublic sealed class RolloutSpecAttribute : System.Attribute { }\n";
        var telemetry = await Telemetry(source, withDsl: false);
        Assert.Equal(0, telemetry.SyntaxNodeActionsCount);
        Assert.Equal(0, telemetry.CompilationEndActionsCount);
        Assert.Equal(0, telemetry.SymbolActionsCount);

        var withDsl = await Telemetry("using Rollout.Dsl;\n" + source.Replace("public sealed class RolloutSpecAttribute : System.Attribute { }\n", ""), withDsl: true);
        Assert.Equal(1, withDsl.SyntaxNodeActionsCount);
        Assert.Equal(1, withDsl.CompilationEndActionsCount);
    }

    private static async Task<AnalyzerTelemetryInfo> Telemetry(string source, bool withDsl)
    {
        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().ToList();
        if (withDsl) references.Add(MetadataReference.CreateFromFile(typeof(RolloutPlan).Assembly.Location));
        var compilation = CSharpCompilation.Create("Service", new[] { CSharpSyntaxTree.ParseText(source) }, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var analyzer = new RolloutSpecAnalyzer();
        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer),
            new CompilationWithAnalyzersOptions(new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None);
        if (withDsl) Assert.Contains(diagnostics, d => d.Id == "ROLL101");
        else Assert.Empty(diagnostics);
        return await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
    }
}
