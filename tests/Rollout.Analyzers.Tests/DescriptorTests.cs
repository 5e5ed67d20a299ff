extern alias Analyzers;

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
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

    private static readonly string[] CompileTimeIds = { "ROLL100", "ROLL101", "ROLL102", "ROLL103", "ROLL104" };

    /// <summary>
    /// Adding a rule is its class plus its docs page: the descriptor follows from the catalog; everything else a rule
    /// needs is checked here, in one test whose message lists every rule and what it lacks.
    /// </summary>
    [Fact]
    public void Every_rule_has_its_catalog_entry_descriptor_release_row_and_docs_page()
    {
        var missing = new List<string>();
        var catalogIds = RuleCatalog.All.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

        // Every Rule the library defines is in the catalog (the one list the hosts run), once.
        var defined = typeof(RuleCatalog).Assembly.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            .Where(f => f.FieldType == typeof(Rule))
            .Select(f => (Name: f.DeclaringType!.Name + "." + f.Name, Rule: (Rule)f.GetValue(null)!))
            .ToList();
        Assert.NotEmpty(defined);
        foreach (var (name, rule) in defined.Where(d => !RuleCatalog.All.Contains(d.Rule)))
        {
            missing.Add(rule.Id + ": " + name + " is not listed in RuleCatalog.All");
        }
        foreach (var duplicate in RuleCatalog.All.GroupBy(r => r.Id).Where(g => g.Count() > 1))
        {
            missing.Add(duplicate.Key + ": used by " + duplicate.Count() + " rules of the catalog");
        }

        var unshipped = File.ReadAllLines(RepoPaths.Combine("src", "Rollout.Analyzers", "AnalyzerReleases.Unshipped.md"));
        var docsIndex = File.ReadAllText(RepoPaths.Combine("docs", "rules", "README.md"));
        var readme = File.ReadAllText(RepoPaths.Combine("README.md"));
        foreach (var id in catalogIds.Concat(CompileTimeIds).OrderBy(id => id, StringComparer.Ordinal))
        {
            var descriptor = Supported.SingleOrDefault(d => d.Id == id);
            if (descriptor is null)
            {
                missing.Add(id + ": RolloutSpecAnalyzer does not support it");
                continue;
            }
            if (RuleCatalog.All.SingleOrDefault(r => r.Id == id) is { } rule)
            {
                var severity = rule.DefaultSeverity == RuleSeverity.Error ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning;
                if (descriptor.DefaultSeverity != severity) missing.Add(id + ": descriptor severity " + descriptor.DefaultSeverity + ", catalog " + severity);
                if (descriptor.Title.ToString() != rule.Title) missing.Add(id + ": descriptor title differs from the catalog's");
            }
            else if (descriptor.DefaultSeverity != DiagnosticSeverity.Error)
            {
                missing.Add(id + ": a compile-time rule is an error");
            }
            if (descriptor.Category != "RolloutReadiness") missing.Add(id + ": category " + descriptor.Category);
            if (descriptor.MessageFormat.ToString() != "{0}") missing.Add(id + ": the message format is not the finding's message");
            if (!descriptor.IsEnabledByDefault) missing.Add(id + ": disabled by default");
            if (descriptor.HelpLinkUri != "https://github.com/rolloutdsl/rolloutdsl/blob/main/docs/rules/" + id + ".md") missing.Add(id + ": help link " + descriptor.HelpLinkUri);
            if (!File.Exists(RepoPaths.Combine("docs", "rules", id + ".md"))) missing.Add(id + ": docs/rules/" + id + ".md is missing");
            if (!docsIndex.Contains("[" + id + "](" + id + ".md)", StringComparison.Ordinal)) missing.Add(id + ": docs/rules/README.md has no link [" + id + "](" + id + ".md)");
            if (!readme.Contains("| " + id + " |", StringComparison.Ordinal)) missing.Add(id + ": README.md's rule table has no row");

            var row = unshipped.Where(line => line.StartsWith(id + " ", StringComparison.Ordinal)).ToArray();
            if (row.Length != 1)
            {
                missing.Add(id + ": src/Rollout.Analyzers/AnalyzerReleases.Unshipped.md has " + row.Length + " rows for it (want 1: `" + id + " | RolloutReadiness | " + descriptor.DefaultSeverity + " | <title>`)");
                continue;
            }
            var cells = row[0].Split('|').Select(c => c.Trim()).ToArray();
            if (cells.Length < 3 || cells[1] != "RolloutReadiness" || cells[2] != descriptor.DefaultSeverity.ToString())
            {
                missing.Add(id + ": the release row says `" + row[0] + "`, want category RolloutReadiness and severity " + descriptor.DefaultSeverity);
            }
        }
        foreach (var row in unshipped.Where(line => line.StartsWith("ROLL", StringComparison.Ordinal)))
        {
            var id = row.Split('|')[0].Trim();
            if (!Supported.Any(d => d.Id == id)) missing.Add(id + ": AnalyzerReleases.Unshipped.md lists it, but the analyzer does not support it");
        }
        foreach (var extra in Supported.Select(d => d.Id).Where(id => !catalogIds.Contains(id) && !CompileTimeIds.Contains(id)))
        {
            missing.Add(extra + ": the analyzer supports it but it is neither a catalog rule nor a compile-time rule");
        }

        Assert.True(missing.Count == 0, "What the rules lack:\n" + string.Join("\n", missing));
        Assert.Contains(WellKnownDiagnosticTags.CompilationEnd, RolloutDescriptors.DuplicatePlanId.CustomTags);
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
