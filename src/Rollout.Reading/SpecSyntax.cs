using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Rollout.Reading;

/// <summary>
/// Half-typed specs: a <c>[RolloutSpec]</c> method whose text does not parse is left to the compiler.
/// The analyzers report nothing on it, the code fixes offer nothing and the generator embeds no plan,
/// so the editor shows what the command-line build shows: the compiler's own syntax errors.
/// This fails closed only because a syntax error is always an error the build cannot downgrade.
/// </summary>
internal static class SpecSyntax
{
    /// <summary>Whether the method's own text (signature, attributes, body) holds a syntax error.</summary>
    public static bool HasSyntaxErrors(MethodDeclarationSyntax declaration) =>
        declaration.ContainsDiagnostics && declaration.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>Whether <paramref name="span"/> lies in a method declaration that holds a syntax error.</summary>
    public static bool IsInMethodWithSyntaxErrors(SyntaxNode root, TextSpan span)
    {
        if (!root.FullSpan.Contains(span)) return false;
        var method = root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault();
        return method is not null && HasSyntaxErrors(method);
    }
}
