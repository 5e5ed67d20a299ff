using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Rollout.Reading;

namespace Rollout.Generators;

/// <summary>
/// Everything reading one spec depends on, as plain values, found from syntax and the compilation's declarations
/// without binding anything of the spec (not even its attribute: whether the method really is a spec is decided
/// when it is read, see <see cref="SpecCandidates"/>). Two equal inputs read to the same plan, so the generator reads
/// a spec again only when its input changed: an edit to a file that holds no spec costs this cheap comparison, not a
/// re-read (docs/performance.md).
/// </summary>
/// <param name="FileText">The spec's whole file: its body, usings, namespace and containing types.</param>
/// <param name="Environment">What every spec depends on: global usings anywhere, the DSL assembly's build, parse options.</param>
/// <param name="Dependencies">
/// The text of every declaration in other files that a name in the spec may bind to (a class of query consts, say),
/// followed transitively: an edit there reads the spec again, an edit anywhere else does not.
/// </param>
/// <param name="Volatile">
/// Set (and never equal to any other) when the spec's dependencies could not be bounded (more than
/// <see cref="MaxDependencyText"/> characters) or it is a partial method: it is then read on every run.
/// </param>
/// <remarks>The spec's name is not part of the input: it follows from the file's text and the span (its namespaces, types and method).</remarks>
internal sealed record SpecInput(string FilePath, TextSpan Span, string FileText, string MethodName, SpecPlace Place, string Environment, string Dependencies, object? Volatile)
{
    private static readonly ConditionalWeakTable<Compilation, CompilationFacts> Facts = new();

    // Syntax trees are immutable and an edit elsewhere hands the next compilation the same tree objects, so what is
    // read from syntax alone is kept per tree/node: on a keystroke in another file the spec's text is not copied
    // again and its names are not walked again (that walk was a quarter of the rerun; docs/performance.md).
    private static readonly ConditionalWeakTable<SyntaxTree, string> FileTexts = new();
    private static readonly ConditionalWeakTable<SyntaxNode, NamesIn> Names = new();
    // A followed declaration's text, as it appears in a spec's Dependencies: written out once per node, not once per spec
    // and run (every spec of the sample service follows the same queries class; that copy was a third of the rerun).
    private static readonly ConditionalWeakTable<SyntaxNode, string> DeclarationTexts = new();

    /// <summary>Beyond this much followed declaration text a spec is simply read on every run.</summary>
    public const int MaxDependencyText = 64 * 1024;

    public static SpecInput Of(MethodDeclarationSyntax declaration, Compilation compilation, CancellationToken cancellationToken)
    {
        var tree = declaration.SyntaxTree;
        var fileText = FileTexts.GetValue(tree, static t => t.GetText().ToString());
        var place = PlaceOf(declaration);
        try
        {
            var facts = Facts.GetValue(compilation, static c => new CompilationFacts(c));
            var dependencies = facts.Dependencies(declaration, cancellationToken);
            // A partial method's other half may be in another file, and its attribute on either half.
            var isVolatile = dependencies is null || declaration.Modifiers.Any(SyntaxKind.PartialKeyword);
            return new SpecInput(tree.FilePath, declaration.Span, fileText, declaration.Identifier.ValueText, place, facts.Environment(tree.Options), dependencies ?? "", isVolatile ? new object() : null);
        }
        catch (Exception exception)
        {
            // Fail closed: without a trustworthy input the spec is simply read on every run (and a reader failure is ROLL103).
            HostFailure.RethrowIfCancellation(exception);
            return new SpecInput(tree.FilePath, declaration.Span, fileText, declaration.Identifier.ValueText, place, "", "", new object());
        }
    }

    /// <summary>The spec's declaration in <paramref name="compilation"/> (the one this input was made from).</summary>
    public MethodDeclarationSyntax? FindIn(Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var tree in Facts.GetValue(compilation, static c => new CompilationFacts(c)).TreesAt(FilePath))
        {
            if (tree.Length != FileText.Length) continue;
            var root = tree.GetRoot(cancellationToken);
            if (root.FullSpan.Contains(Span) && root.FindNode(Span) is MethodDeclarationSyntax declaration && declaration.Span == Span
                && tree.GetText(cancellationToken).ToString() == FileText)
            {
                return declaration;
            }
        }
        return null;
    }

    public static SpecPlace PlaceOf(MethodDeclarationSyntax declaration)
    {
        var location = declaration.Identifier.GetLocation();
        return new SpecPlace(declaration.SyntaxTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    /// <summary>Per compilation, computed once and shared by all its specs.</summary>
    private sealed class CompilationFacts
    {
        private readonly Compilation _compilation;
        private readonly Lazy<string> _shared;
        private readonly Lazy<Dictionary<string, List<SyntaxTree>>> _treesByPath;
        private readonly ConcurrentDictionary<string, IReadOnlyList<SyntaxReference>> _declarations = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, bool> _extensionNamed = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<ParseOptions, string> _environments = new();
        private readonly Lazy<HashSet<string>> _declaredNames;
        private readonly Lazy<HashSet<string>> _memberNames;

        public CompilationFacts(Compilation compilation)
        {
            _compilation = compilation;
            _shared = new Lazy<string>(SharedEnvironment);
            _declaredNames = new Lazy<HashSet<string>>(() => NamesDeclaredInSource(SymbolFilter.All));
            _memberNames = new Lazy<HashSet<string>>(() => NamesDeclaredInSource(SymbolFilter.Member));
            _treesByPath = new Lazy<Dictionary<string, List<SyntaxTree>>>(() =>
            {
                var byPath = new Dictionary<string, List<SyntaxTree>>(StringComparer.Ordinal);
                foreach (var tree in compilation.SyntaxTrees)
                {
                    if (!byPath.TryGetValue(tree.FilePath, out var trees)) byPath[tree.FilePath] = trees = new List<SyntaxTree>();
                    trees.Add(tree);
                }
                return byPath;
            });
        }

        public IReadOnlyList<SyntaxTree> TreesAt(string path) =>
            _treesByPath.Value.TryGetValue(path, out var trees) ? trees : Array.Empty<SyntaxTree>();

        public string Environment(ParseOptions options) =>
            _environments.GetOrAdd(options, o => _shared.Value + "|" + ((CSharpParseOptions)o).LanguageVersion + "|" + string.Join(";", o.PreprocessorSymbolNames.OrderBy(n => n, StringComparer.Ordinal)));

        /// <summary>
        /// The text of the declarations outside the spec's file that its names may bind to: for a simple name, every
        /// type, namespace or member of that name declared in source, followed into its own names in turn; for a
        /// member name, only extensions matter (an extension method or extension-block member of that name anywhere in source makes
        /// the spec volatile). Null when that is unbounded. Conservative: a needless dependency only costs a re-read.
        /// </summary>
        public string? Dependencies(MethodDeclarationSyntax declaration, CancellationToken cancellationToken)
        {
            var texts = new List<string>();
            var length = 0;
            return Follow(declaration, declaration.SyntaxTree, new HashSet<string>(StringComparer.Ordinal), texts, ref length, cancellationToken) ? string.Concat(texts) : null;
        }

        private bool Follow(SyntaxNode node, SyntaxTree specTree, HashSet<string> followed, List<string> texts, ref int length, CancellationToken cancellationToken)
        {
            var names = Names.GetValue(node, NamesIn.Of);
            foreach (var member in names.Members)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (_extensionNamed.GetOrAdd(member, DeclaresExtension)) return false;
            }
            foreach (var identifier in names.Simple)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var declarations = _declarations.GetOrAdd(identifier, Declarations);
                if (declarations.Count == 0 || !followed.Add(identifier)) continue;
                foreach (var reference in declarations)
                {
                    var declared = reference.GetSyntax(cancellationToken);
                    if (reference.SyntaxTree != specTree)
                    {
                        var declarationText = DeclarationTexts.GetValue(declared, DeclarationText);
                        texts.Add(declarationText);
                        length += declarationText.Length;
                        if (length > MaxDependencyText) return false;
                    }
                    if (!Follow(declared, specTree, followed, texts, ref length, cancellationToken)) return false;
                }
            }
            return true;
        }

        /// <summary>Where a declaration is and its text: "path@start", a line break, the declaration with its trivia, a line break.</summary>
        private static string DeclarationText(SyntaxNode declared) =>
            declared.SyntaxTree.FilePath + "@" + declared.Span.Start.ToString(CultureInfo.InvariantCulture) + "\n" + declared.ToFullString() + "\n";

        private IReadOnlyList<SyntaxReference> Declarations(string name) =>
            _declaredNames.Value.Contains(name)
                ? _compilation.GetSymbolsWithName(name, SymbolFilter.All).SelectMany(symbol => symbol.DeclaringSyntaxReferences).ToList()
                : Array.Empty<SyntaxReference>();

        private bool DeclaresExtension(string name) =>
            _memberNames.Value.Contains(name)
            && _compilation.GetSymbolsWithName(name, SymbolFilter.Member)
                .Any(member => member is IMethodSymbol { IsExtensionMethod: true }
                    // C# 14 extension blocks: members of a container that is no ordinary type.
                    || (member is IMethodSymbol or IPropertySymbol
                        && member.ContainingType?.TypeKind is not (TypeKind.Class or TypeKind.Struct or TypeKind.Interface or TypeKind.Enum or TypeKind.Delegate)));

        /// <summary>
        /// Every name declared in source that <paramref name="filter"/> admits, in one pass over Roslyn's declarations: asking
        /// <c>ContainsSymbolsWithName(name)</c> for each of a spec's names walked them once per name, on every keystroke
        /// (docs/performance.md). The same declarations, so the same answer for each name.
        /// </summary>
        private HashSet<string> NamesDeclaredInSource(SymbolFilter filter)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            _compilation.ContainsSymbolsWithName(name =>
            {
                names.Add(name);
                return false;
            }, filter);
            return names;
        }

        private string SharedEnvironment()
        {
            var text = new StringBuilder();
            var dsl = _compilation.GetTypeByMetadataName(SpecReader.SpecAttributeName)?.ContainingAssembly;
            text.Append(dsl?.Identity.ToString()).Append('|');
            if (dsl is not null && _compilation.GetMetadataReference(dsl) is PortableExecutableReference reference)
            {
                text.Append(reference.FilePath).Append('|');
                if (reference.GetMetadata() is AssemblyMetadata metadata)
                {
                    foreach (var module in metadata.GetModules()) text.Append(module.GetModuleVersionId()).Append('|');
                }
            }
            text.Append(_compilation.Options.CheckOverflow).Append('|');
            foreach (var tree in _compilation.SyntaxTrees)
            {
                if (tree.GetRoot() is not CompilationUnitSyntax unit) continue;
                foreach (var directive in unit.Usings)
                {
                    if (directive.GlobalKeyword.IsKind(SyntaxKind.GlobalKeyword)) text.Append(directive.ToString()).Append('\n');
                }
            }
            return text.ToString();
        }
    }

    /// <summary>
    /// The distinct names under a node, in order of first use: simple names a declaration elsewhere may bind
    /// (argument names excluded), and names after a dot (only an extension of that name could change their meaning).
    /// </summary>
    private sealed class NamesIn
    {
        private NamesIn(string[] simple, string[] members)
        {
            Simple = simple;
            Members = members;
        }

        public string[] Simple { get; }

        public string[] Members { get; }

        public static NamesIn Of(SyntaxNode node)
        {
            var simple = new List<string>();
            var members = new List<string>();
            var seenSimple = new HashSet<string>(StringComparer.Ordinal);
            var seenMembers = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                if (name.Parent is NameColonSyntax) continue;
                var identifier = name.Identifier.ValueText;
                if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name)
                {
                    if (seenMembers.Add(identifier)) members.Add(identifier);
                }
                else
                {
                    if (seenSimple.Add(identifier)) simple.Add(identifier);
                    // [X] may name a type XAttribute: one declared in source later (an attribute of the same name in an
                    // imported namespace) changes what the spec's attribute binds to, so its declaration is followed too.
                    if (IsAttributeName(name) && seenSimple.Add(identifier + "Attribute")) simple.Add(identifier + "Attribute");
                }
            }
            return new NamesIn(simple.ToArray(), members.ToArray());
        }

        private static bool IsAttributeName(IdentifierNameSyntax name) =>
            name.Parent is AttributeSyntax || (name.Parent is QualifiedNameSyntax qualified && qualified.Right == name && qualified.Parent is AttributeSyntax);
    }
}
