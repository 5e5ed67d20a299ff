extern alias Analyzers;

using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;
using Rollout.CodeFixes;
using Rollout.Dsl;
using RolloutSpecAnalyzer = Analyzers::Rollout.Analyzers.RolloutSpecAnalyzer;

namespace Rollout.Analyzers.Tests.Infrastructure;

/// <summary>
/// The Roslyn testing library set up for this machine: no reference-assembly download (the
/// built-in ReferenceAssemblies.Net.* needs one), Basic.Reference.Assemblies instead, plus the real Rollout.Dsl.dll.
/// </summary>
public static class Verify
{
    private static readonly MetadataReference Dsl = MetadataReference.CreateFromFile(typeof(RolloutPlan).Assembly.Location);

    /// <summary>Runs the analyzer over <paramref name="source"/> (with {|ROLLnnn:...|} markup) and checks the exact diagnostics and spans.</summary>
    public static Task Analyzer(string source, params DiagnosticResult[] expected)
    {
        var test = new AnalyzerTest { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>Runs the analyzer and the code fix (single fix and fix-all) and checks the exact fixed text, which must compile clean.</summary>
    public static Task CodeFix(string source, string fixedSource, string? equivalenceKey = null)
    {
        var test = new CodeFixTest
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        return test.RunAsync();
    }

    /// <summary>A diagnostic of the analyzer, for a location given explicitly.</summary>
    public static DiagnosticResult Diagnostic(string id) => new DiagnosticResult(id, id is "ROLL020" or "ROLL024" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error);

    internal static void Configure(SolutionState state, ref ReferenceAssemblies referenceAssemblies)
    {
        referenceAssemblies = new ReferenceAssemblies("net10.0");
        state.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        state.AdditionalReferences.Add(Dsl);
    }

    public sealed class AnalyzerTest : CSharpAnalyzerTest<RolloutSpecAnalyzer, DefaultVerifier>
    {
        public AnalyzerTest()
        {
            var references = ReferenceAssemblies;
            Configure(TestState, ref references);
            ReferenceAssemblies = references;
        }
    }

    public sealed class CodeFixTest : CSharpCodeFixTest<RolloutSpecAnalyzer, RolloutCodeFixProvider, DefaultVerifier>
    {
        public CodeFixTest()
        {
            var references = ReferenceAssemblies;
            Configure(TestState, ref references);
            ReferenceAssemblies = references;
        }
    }
}
