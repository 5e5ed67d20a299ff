using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Rollout.CodeFixes;

namespace Rollout.Fuzzing.Harness;

/// <summary>What applying the code fixes to one spec gave.</summary>
public sealed record CodeFixOutcome(int Applied, IReadOnlyList<string> Failures);

/// <summary>
/// Applies every code fix offered for the spec's diagnostics, one at a time, in a real workspace. On a spec
/// that parsed clean a fix may throw nothing and may add no compiler error the spec did not already have.
/// </summary>
public static class CodeFixProbe
{
    private static readonly CodeFixProvider Provider = new RolloutCodeFixProvider();

    public static CodeFixOutcome Run(string source, HarnessResult result)
    {
        var failures = new List<string>();
        var applied = 0;
        if (CSharpSyntaxTree.ParseText(source, SpecHarness.ParseOptions).GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
        {
            return new CodeFixOutcome(0, failures);
        }
        var fixable = result.AnalyzerDiagnostics.Where(d => Provider.FixableDiagnosticIds.Contains(d.Id) && d.Location.IsInSource).ToList();
        if (fixable.Count == 0) return new CodeFixOutcome(0, failures);

        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject(ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Default, "Service", "Service", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: SpecHarness.ParseOptions,
            metadataReferences: SpecHarness.References));
        foreach (var (path, text) in BaseSpecs.Support) workspace.AddDocument(project.Id, path, SourceText.From(text));
        var document = workspace.AddDocument(project.Id, "Spec.cs", SourceText.From(source));
        var before = Errors(document);

        foreach (var diagnostic in fixable.Take(4))
        {
            try
            {
                var tree = document.GetSyntaxTreeAsync().GetAwaiter().GetResult()!;
                var located = Diagnostic.Create(diagnostic.Descriptor, Location.Create(tree, diagnostic.Location.SourceSpan), diagnostic.Properties, diagnostic.GetMessage());
                var actions = new List<CodeAction>();
                var context = new CodeFixContext(document, located, (action, _) => actions.Add(action), CancellationToken.None);
                Provider.RegisterCodeFixesAsync(context).GetAwaiter().GetResult();
                foreach (var action in actions)
                {
                    var operations = action.GetOperationsAsync(CancellationToken.None).GetAwaiter().GetResult();
                    var change = operations.OfType<ApplyChangesOperation>().SingleOrDefault();
                    if (change is null) continue;
                    var fixedDocument = change.ChangedSolution.GetDocument(document.Id)!;
                    applied++;
                    var added = Errors(fixedDocument).Except(before).ToList();
                    if (added.Count > 0)
                    {
                        failures.Add("'" + action.Title + "' for " + diagnostic.Id + " adds " + string.Join(", ", added));
                    }
                }
            }
            catch (Exception exception)
            {
                failures.Add("fixing " + diagnostic.Id + " threw " + exception);
            }
        }
        return new CodeFixOutcome(applied, failures);
    }

    /// <summary>The compiler errors of a document, by id, so a fix that moves text around is not counted as a new error.</summary>
    private static HashSet<string> Errors(Document document)
    {
        var compilation = document.Project.GetCompilationAsync().GetAwaiter().GetResult()!;
        return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
    }
}
