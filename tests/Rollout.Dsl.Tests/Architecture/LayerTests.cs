using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Rollout.TestSupport;

namespace Rollout.Dsl.Tests.Architecture;

/// <summary>
/// src/Rollout.Dsl is built in layers, one folder each, and a layer uses only itself and the layers below it:
/// Text ← Model ← Dialects ← Rules ← Rendering ← Hosting. Sub-folders of one layer (Rendering/Json, Rendering/Markdown)
/// are siblings and do not use each other either. The check compiles the library's sources and follows every
/// name to the file that declares it, so it sees what the compiler sees (usings, fully qualified names,
/// extension calls, <c>using static</c>), not what a text search would guess.
/// </summary>
public class LayerTests
{
    /// <summary>Bottom to top: the first folder under src/Rollout.Dsl names a file's layer.</summary>
    public static readonly string[] Layers = { "Text", "Model", "Dialects", "Rules", "Rendering", "Hosting" };

    private static readonly string DslRoot = RepoPaths.Combine("src", "Rollout.Dsl");

    [Fact]
    public void Every_source_file_sits_in_a_layer_folder()
    {
        var strays = SourceFiles().Where(file => LayerIndex(file) < 0).Select(Relative).ToList();

        Assert.True(strays.Count == 0,
            "These files of src/Rollout.Dsl are in no layer folder (" + string.Join(", ", Layers) + "): " + string.Join(", ", strays));
    }

    [Fact]
    public void Every_layer_uses_only_itself_and_the_layers_below()
    {
        var violations = UpwardEdges().ToList();

        Assert.True(violations.Count == 0,
            "Layers of src/Rollout.Dsl are " + string.Join(" ← ", Layers) + "; a file may use its own layer and those to its left.\n"
            + string.Join("\n", violations.Distinct().OrderBy(v => v, StringComparer.Ordinal)));
    }

    [Fact]
    public void The_check_sees_an_upward_edge()
    {
        // Proof that the walk finds what it is meant to forbid: a Model file that names a rule.
        var probe = CSharpSyntaxTree.ParseText(
            "namespace Rollout.Dsl { internal static class Probe { public static object Use() => Rollout.Dsl.Rules.RuleCatalog.All; } }",
            path: Path.Combine(DslRoot, "Model", "Probe.cs"));

        var violations = UpwardEdges(probe).ToList();

        Assert.Contains(violations, v => v.StartsWith("Model/Probe.cs: Probe uses Rules.RuleCatalog", StringComparison.Ordinal));
    }

    [Fact]
    public void The_check_sees_a_sibling_edge()
    {
        var probe = CSharpSyntaxTree.ParseText(
            "namespace Rollout.Dsl.Rendering { internal static class Probe { public static object Use() => Rollout.Dsl.Rendering.Json.JsonNames.Of(Rollout.Dsl.Surface.Config); } }",
            path: Path.Combine(DslRoot, "Rendering", "Markdown", "Probe.cs"));

        var violations = UpwardEdges(probe).ToList();

        Assert.Contains(violations, v => v.StartsWith("Rendering/Markdown/Probe.cs: Probe uses Rendering.JsonNames (Rendering/Markdown may not use its sibling Rendering/Json", StringComparison.Ordinal));
    }

    private static IEnumerable<string> UpwardEdges(params SyntaxTree[] extra)
    {
        var trees = SourceFiles()
            .Select(file => CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: file))
            .Concat(extra)
            .ToList();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "netstandard.dll" or "mscorlib.dll")
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("LayerCheck", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        foreach (var tree in trees)
        {
            var from = LayerIndex(tree.FilePath);
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                var symbol = model.GetSymbolInfo(node).Symbol ?? model.GetTypeInfo(node).Type;
                foreach (var used in DeclaringTypes(symbol))
                {
                    var declaredIn = used.DeclaringSyntaxReferences.Select(r => r.SyntaxTree.FilePath).FirstOrDefault(p => p.Length > 0);
                    if (declaredIn is null) continue;
                    var to = LayerIndex(declaredIn);
                    string rule;
                    if (to > from) rule = Layers[from] + " may not use " + Layers[to];
                    else if (to == from && Part(tree.FilePath) is { } part && Part(declaredIn) is { } other && part != other)
                        rule = part + " may not use its sibling " + other + "; move what both need up to " + Layers[to] + "/";
                    else continue;
                    var user = model.GetEnclosingSymbol(node.SpanStart);
                    while (user is not null and not INamedTypeSymbol) user = user.ContainingSymbol;
                    yield return Relative(tree.FilePath) + ": " + (user?.Name ?? "?") + " uses " + Layers[to] + "." + used.Name + " (" + rule + ")";
                }
            }
        }
    }

    // The types a name stands for: the symbol's own type or containing type, and any type arguments.
    private static IEnumerable<INamedTypeSymbol> DeclaringTypes(ISymbol? symbol)
    {
        var type = symbol switch
        {
            null => null,
            INamedTypeSymbol named => named,
            IMethodSymbol { ReducedFrom: { } extension } => extension.ContainingType,
            _ => symbol.ContainingType,
        };
        if (type is null) yield break;
        yield return type.OriginalDefinition;
        foreach (var argument in type.TypeArguments.OfType<INamedTypeSymbol>()) yield return argument.OriginalDefinition;
    }

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(DslRoot, "*.cs", SearchOption.AllDirectories)
            .Where(file => !Relative(file).StartsWith("obj/", StringComparison.Ordinal) && !Relative(file).StartsWith("bin/", StringComparison.Ordinal))
            .OrderBy(file => file, StringComparer.Ordinal);

    private static string Relative(string file) => Path.GetRelativePath(DslRoot, file).Replace('\\', '/');

    private static int LayerIndex(string file) => Array.IndexOf(Layers, Relative(file).Split('/')[0]);

    // A sub-folder of a layer ("Rendering/Json"), or null for a file at the layer's top.
    private static string? Part(string file) => Relative(file).Split('/') is { Length: > 2 } segments ? segments[0] + "/" + segments[1] : null;
}
