using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
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
/// Everything reading one spec depends on, as plain values, found without binding its body. Two equal
/// inputs read to the same plan, so the generator reads a spec again only when its input changed: an edit
/// to a file that holds no spec costs this cheap comparison, not a re-read (binding a spec body is most
/// of the generator's work; see docs/performance.md).
/// </summary>
/// <param name="FileText">The spec's whole file: its body, usings, namespace and containing types.</param>
/// <param name="Environment">What every spec depends on: global usings anywhere, the DSL assembly's build, parse options.</param>
/// <param name="Volatile">
/// Set (and never equal to any other) when the spec names something declared in this compilation's source outside the
/// DSL, or is a partial method: its meaning may change with another file, so it is read on every run.
/// </param>
internal sealed record SpecInput(string FilePath, TextSpan Span, string FileText, string SpecName, string HintName, SpecPlace Place, string Environment, object? Volatile)
{
    private static readonly SymbolDisplayFormat SpecNameFormat = new(
        globalNamespaceStyle: SymbolDisplayGlobalNamespaceStyle.Omitted,
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        memberOptions: SymbolDisplayMemberOptions.IncludeContainingType);

    private static readonly ConditionalWeakTable<Compilation, CompilationFacts> Facts = new();

    public static SpecInput Of(GeneratorAttributeSyntaxContext attributed, CancellationToken cancellationToken)
    {
        var method = (IMethodSymbol)attributed.TargetSymbol;
        var declaration = (MethodDeclarationSyntax)attributed.TargetNode;
        var tree = declaration.SyntaxTree;
        var fileText = tree.GetText(cancellationToken).ToString();
        var place = PlaceOf(declaration);
        try
        {
            var facts = Facts.GetValue(attributed.SemanticModel.Compilation, static compilation => new CompilationFacts(compilation));
            var specName = method.ToDisplayString(SpecNameFormat);
            var isVolatile = method.IsPartialDefinition || method.PartialImplementationPart is not null || method.PartialDefinitionPart is not null
                || facts.NamesSourceDeclarations(declaration, cancellationToken);
            return new SpecInput(tree.FilePath, declaration.Span, fileText, specName, GeneratedSource.HintNameFor(specName), place,
                facts.Environment(tree.Options), isVolatile ? new object() : null);
        }
        catch (Exception exception)
        {
            // Fail closed: without a trustworthy input the spec is simply read on every run (and a reader failure is ROLL103).
            HostFailure.RethrowIfCancellation(exception);
            return new SpecInput(tree.FilePath, declaration.Span, fileText, method.Name, GeneratedSource.HintNameFor(method.Name), place, "", new object());
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

        public CompilationFacts(Compilation compilation)
        {
            _compilation = compilation;
            _shared = new Lazy<string>(SharedEnvironment);
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
        /// Whether a name in the spec could bind to something declared in this compilation's source outside the
        /// spec's own file: a type, namespace or member for a simple name (one declared only in the spec's file,
        /// like a const beside the spec, is followed into its declaration instead); a static method or property
        /// (an extension) for a member name. Conservative: a false "yes" only costs a re-read.
        /// </summary>
        public bool NamesSourceDeclarations(MethodDeclarationSyntax declaration, CancellationToken cancellationToken) =>
            NamesSourceDeclarations(declaration, declaration.SyntaxTree, new HashSet<string>(StringComparer.Ordinal), cancellationToken);

        private bool NamesSourceDeclarations(SyntaxNode node, SyntaxTree specTree, HashSet<string> followed, CancellationToken cancellationToken)
        {
            foreach (var name in node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (name.Parent is NameColonSyntax) continue;
                var text = name.Identifier.ValueText;
                if (name.Parent is MemberAccessExpressionSyntax access && access.Name == name)
                {
                    if (_extensionNamed.GetOrAdd(text, DeclaresExtension)) return true;
                    continue;
                }
                var declarations = _declarations.GetOrAdd(text, Declarations);
                if (declarations.Count == 0 || !followed.Add(text)) continue;
                foreach (var reference in declarations)
                {
                    if (reference.SyntaxTree != specTree) return true;
                    if (NamesSourceDeclarations(reference.GetSyntax(cancellationToken), specTree, followed, cancellationToken)) return true;
                }
            }
            return false;
        }

        private IReadOnlyList<SyntaxReference> Declarations(string name) =>
            _compilation.ContainsSymbolsWithName(name, SymbolFilter.All)
                ? _compilation.GetSymbolsWithName(name, SymbolFilter.All).SelectMany(symbol => symbol.DeclaringSyntaxReferences).ToList()
                : Array.Empty<SyntaxReference>();

        private bool DeclaresExtension(string name) =>
            _compilation.ContainsSymbolsWithName(name, SymbolFilter.Member)
            && _compilation.GetSymbolsWithName(name, SymbolFilter.Member)
                .Any(member => member is IMethodSymbol or IPropertySymbol
                    && (member.IsStatic || member.ContainingType?.IsStatic == true || member.ContainingType?.ContainingType?.IsStatic == true));

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
}
