using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace Rollout.CodeFixes;

/// <summary>
/// Quick fixes for readiness findings: insert the missing stop-loss, rollback, authority, owner,
/// observation window, advance gate, announcement or trigger rights as a compilable skeleton with
/// placeholders, replace a rollback sign-off, complete the last stage and correct an invalid id.
/// Fix-all applies every edit of a document in one pass.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RolloutCodeFixProvider)), Shared]
public sealed class RolloutCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => SpecFixes.FixableIds;

    public override FixAllProvider GetFixAllProvider() =>
        FixAllProvider.Create(async (context, document, diagnostics) =>
            (Document?)await FixAsync(document, diagnostics, context.CodeActionEquivalenceKey, context.CancellationToken).ConfigureAwait(false));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;

        foreach (var diagnostic in context.Diagnostics)
        {
            foreach (var fix in SpecFixes.All)
            {
                if (fix.Plan(root, model, diagnostic, context.CancellationToken).Count == 0) continue;
                var document = context.Document;
                var key = fix.EquivalenceKey;
                context.RegisterCodeFix(
                    CodeAction.Create(fix.Title, cancellationToken => FixAsync(document, ImmutableArray.Create(diagnostic), key, cancellationToken), key),
                    diagnostic);
            }
        }
    }

    /// <summary>Applies the fix named by <paramref name="equivalenceKey"/> to every diagnostic of <paramref name="document"/> it applies to.</summary>
    private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
    {
        var fix = SpecFixes.All.FirstOrDefault(f => f.EquivalenceKey == equivalenceKey);
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (fix is null || root is null || model is null) return document;

        var edits = new List<SpecEdit>();
        var targets = new HashSet<SyntaxNode>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            foreach (var edit in fix.Plan(root, model, diagnostic, cancellationToken))
            {
                if (targets.Add(edit.Target)) edits.Add(edit);
            }
        }
        if (edits.Count == 0) return document;

        var editor = new SyntaxEditor(root, document.Project.Solution.Services);
        foreach (var edit in edits)
        {
            editor.ReplaceNode(edit.Target, (current, _) => edit.Transform(current));
        }
        var changed = editor.GetChangedRoot();

        if (changed is CompilationUnitSyntax unit)
        {
            var position = edits[0].Target.SpanStart;
            var endOfLine = ChainLayout.EndOfLineOf(root);
            if (edits.Any(e => e.NeedsSystem) && !Binds(model, position, "TimeSpan", "System.TimeSpan"))
            {
                unit = AddUsing(unit, "System", endOfLine);
            }
            if (edits.Any(e => e.NeedsDsl) && !Binds(model, position, "Signal", "Rollout.Dsl.Signal"))
            {
                unit = AddUsing(unit, "Rollout.Dsl", endOfLine);
            }
            changed = unit;
        }
        return document.WithSyntaxRoot(changed);
    }

    /// <summary>Whether <paramref name="name"/> already means <paramref name="fullName"/> at <paramref name="position"/>.</summary>
    private static bool Binds(SemanticModel model, int position, string name, string fullName)
    {
        var type = model.GetSpeculativeTypeInfo(position, SyntaxFactory.ParseTypeName(name), SpeculativeBindingOption.BindAsTypeOrNamespace).Type;
        return type is { TypeKind: not TypeKind.Error } && type.ToDisplayString() == fullName;
    }

    /// <summary>Adds <c>using <paramref name="ns"/>;</c> among the file's usings (System first, then in order).</summary>
    private static CompilationUnitSyntax AddUsing(CompilationUnitSyntax unit, string ns, string endOfLine)
    {
        var directive = SyntaxFactory.ParseCompilationUnit("using " + ns + ";" + endOfLine).Usings[0];
        var usings = unit.Usings;
        if (usings.Count == 0)
        {
            var leading = unit.GetLeadingTrivia();
            directive = directive.WithLeadingTrivia(leading).WithTrailingTrivia(SyntaxFactory.EndOfLine(endOfLine), SyntaxFactory.EndOfLine(endOfLine));
            return unit.WithoutLeadingTrivia().WithUsings(SyntaxFactory.List(new[] { directive }));
        }

        var index = 0;
        while (index < usings.Count && Precedes(usings[index], ns)) index++;
        if (index == 0)
        {
            directive = directive.WithLeadingTrivia(usings[0].GetLeadingTrivia());
            usings = usings.Replace(usings[0], usings[0].WithLeadingTrivia());
        }
        return unit.WithUsings(usings.Insert(index, directive));
    }

    private static bool Precedes(UsingDirectiveSyntax existing, string ns)
    {
        if (!existing.GlobalKeyword.IsKind(SyntaxKind.None)) return true;
        if (existing.Alias is not null || !existing.StaticKeyword.IsKind(SyntaxKind.None) || existing.Name is null) return false;
        var name = existing.Name.ToString();
        return Rank(name) < Rank(ns) || (Rank(name) == Rank(ns) && string.CompareOrdinal(name, ns) < 0);
    }

    private static int Rank(string ns) => ns == "System" || ns.StartsWith("System.", System.StringComparison.Ordinal) ? 0 : 1;
}
