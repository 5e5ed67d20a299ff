using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Rollout.Fuzzing.Harness;

/// <summary>
/// The generator writes its string literals itself (CSharpStringLiteral) instead of asking Roslyn's
/// <c>SymbolDisplay.FormatLiteral</c>: for every mutant, every string literal of every generated plan source must be
/// exactly what Roslyn writes for the literal's value, so the generated C# did not change with the writer.
/// </summary>
public static class GeneratedLiterals
{
    public static IEnumerable<string> Mismatches(HarnessResult result)
    {
        foreach (var source in result.GeneratedSources.Where(s => s.HintName.StartsWith("Rollout.Plans.", StringComparison.Ordinal)))
        {
            foreach (var token in source.SyntaxTree.GetRoot().DescendantTokens().Where(t => t.IsKind(SyntaxKind.StringLiteralToken)))
            {
                var expected = SymbolDisplay.FormatLiteral(token.ValueText, quote: true);
                if (token.Text != expected)
                {
                    yield return source.HintName + ": literal at " + token.SpanStart + " differs from SymbolDisplay.FormatLiteral of its value";
                }
            }
        }
    }
}
