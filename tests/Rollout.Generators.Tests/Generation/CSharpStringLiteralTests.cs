extern alias Generators;

using System;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Rollout.Generators.Tests.Infrastructure;
using CSharpStringLiteral = Generators::Rollout.Generators.CSharpStringLiteral;

namespace Rollout.Generators.Tests.Generation;

/// <summary>
/// The generator's own string-literal writer writes exactly what Roslyn's <c>SymbolDisplay.FormatLiteral(value, quote: true)</c>
/// writes (what the generator used before): the generated C# is unchanged, character for character. The fuzzer checks the
/// same on every generated plan source (docs/robustness.md).
/// </summary>
public class CSharpStringLiteralTests
{
    private static string Ours(string value) => CSharpStringLiteral.Append(new StringBuilder(), value).ToString();

    private static string Roslyns(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    [Fact]
    public void Every_UTF16_code_unit_alone_and_between_text()
    {
        for (var c = 0; c <= char.MaxValue; c++)
        {
            var alone = ((char)c).ToString();
            Assert.Equal(Roslyns(alone), Ours(alone));
            var between = "a" + alone + "\"b";
            Assert.Equal(Roslyns(between), Ours(between));
        }
    }

    [Fact]
    public void Every_surrogate_pair_and_lone_surrogates_at_either_end()
    {
        var pairs = new StringBuilder();
        for (var high = 0xD800; high <= 0xDBFF; high++)
        {
            pairs.Clear();
            for (var low = 0xDC00; low <= 0xDFFF; low++) pairs.Append((char)high).Append((char)low).Append('x');
            var text = pairs.ToString();
            Assert.Equal(Roslyns(text), Ours(text));
            // Reversed (low then high), a high at the end, a low at the start: all lone.
            var lone = (char)(high + 0x400) + text + (char)high;
            Assert.Equal(Roslyns(lone), Ours(lone));
        }
    }

    [Fact]
    public void Every_literal_the_generator_writes_for_the_samples_and_hostile_strings_is_Roslyns()
    {
        var run = SpecCompilation.Run(Samples.SpecFiles().Append(("Hostile.cs", TestSpecs.Hostile)).ToArray());
        var literals = run.GeneratedSources.Where(s => s.HintName.StartsWith("Rollout.Plans.", StringComparison.Ordinal))
            .SelectMany(s => s.SyntaxTree.GetRoot().DescendantTokens().Where(t => t.IsKind(SyntaxKind.StringLiteralToken)))
            .ToList();

        // Four plans: id, runbook and JSON each.
        Assert.Equal(12, literals.Count);
        Assert.All(literals, literal => Assert.Equal(Roslyns(literal.ValueText), literal.Text));
    }
}
