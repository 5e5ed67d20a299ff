using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using Rollout.Analyzers.Tests.Infrastructure;
using Rollout.CodeFixes;
using static Rollout.Analyzers.Tests.Infrastructure.Specs;

namespace Rollout.Analyzers.Tests;

/// <summary>
/// A spec being typed (an unterminated string inside the chain) gets no ROLL finding and no code fix: the
/// compiler's own syntax errors are the only thing shown, in the editor as on the command line (which stops at
/// syntax errors before analyzers run). Safe because a syntax error always fails the build.
/// </summary>
public sealed class HalfTypedSpecTests
{
    /// <summary>The example of issue 10: a spec typed top-down, the first stage's audience not closed yet.</summary>
    public static readonly string HalfTyped = Spec(Create + Owner + Touches + ".Stage(\"canary\", s => s.Traffic(5, \"st");

    [Fact]
    public Task A_spec_typed_up_to_an_unterminated_string_shows_only_the_compiler_errors() => Verify.Analyzer(HalfTyped,
        DiagnosticResult.CompilerError("CS1010").WithSpan(8, 124, 8, 124).WithMessage("Newline in constant"),
        DiagnosticResult.CompilerError("CS1002").WithSpan(8, 128, 8, 128),
        DiagnosticResult.CompilerError("CS1026").WithSpan(8, 128, 8, 128),
        DiagnosticResult.CompilerError("CS1026").WithSpan(8, 128, 8, 128));

    [Fact]
    public Task An_unterminated_string_in_the_middle_of_a_chain_shows_only_the_compiler_errors() => Verify.Analyzer(
        Spec(Chain((Canary, ".Stage(\"canary\", s => s.Traffic(5, \"st"))),
        DiagnosticResult.CompilerError("CS1010").WithSpan(12, 48, 12, 48).WithMessage("Newline in constant"),
        DiagnosticResult.CompilerError("CS1026").WithSpan(16, 188, 16, 189),
        DiagnosticResult.CompilerError("CS1026").WithSpan(16, 188, 16, 189));

    [Fact]
    public Task A_half_typed_spec_does_not_silence_a_complete_spec_beside_it() => Verify.Analyzer(
        Usings + "public static class Specs\n{\n"
        + "    [RolloutSpec]\n    public static RolloutPlan Ready() =>\n        " + Chain((Create, "{|ROLL001:RolloutPlan.Create(\"checkout-v3\")|}"), (StopLoss, "")) + ";\n\n"
        + "    [RolloutSpec]\n    public static RolloutPlan Typing() =>\n        " + Chain((Canary, ".Stage(\"canary\", s => s.Traffic(5, \"st")) + ";\n}\n",
        DiagnosticResult.CompilerError("CS1010").WithSpan(23, 48, 23, 48),
        DiagnosticResult.CompilerError("CS1026").WithSpan(27, 188, 27, 189),
        DiagnosticResult.CompilerError("CS1026").WithSpan(27, 188, 27, 189));

    [Fact]
    public async Task No_code_fix_is_offered_for_a_stale_diagnostic_on_a_half_typed_spec()
    {
        // The editor may still hold ROLL001 from before the string was opened; the fix would append inside it.
        Assert.Empty(await FixesFor(HalfTyped));

        // Control: the same diagnostic on the complete spec is fixed.
        Assert.Equal(new[] { "Add a stop-loss (edit the threshold)" }, await FixesFor(Spec(Chain((StopLoss, "")))));
    }

    private static async Task<string[]> FixesFor(string source)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("Service", LanguageNames.CSharp)
            .WithMetadataReferences(Basic.Reference.Assemblies.Net100.References.All.Append(MetadataReference.CreateFromFile(typeof(Rollout.Dsl.RolloutPlan).Assembly.Location)));
        var document = project.AddDocument("Spec.cs", SourceText.From(source));
        var create = source.IndexOf(Create, System.StringComparison.Ordinal);
        var tree = await document.GetSyntaxTreeAsync();
        var diagnostic = Diagnostic.Create(
            new DiagnosticDescriptor("ROLL001", "stop-loss", "{0}", "RolloutReadiness", DiagnosticSeverity.Error, true),
            Location.Create(tree!, new TextSpan(create, Create.Length)), "Plan 'checkout-v2' has no stop-loss threshold");
        var titles = new List<string>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => titles.Add(action.Title), CancellationToken.None);
        await new RolloutCodeFixProvider().RegisterCodeFixesAsync(context);
        return titles.ToArray();
    }
}
