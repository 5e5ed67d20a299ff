using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Rollout.CodeFixes;

/// <summary>How a fluent chain is laid out, so an inserted call looks like its neighbours.</summary>
/// <param name="MultiLine">One call per line: each '.' starts a line.</param>
/// <param name="Indentation">The whitespace before each '.' of a multi-line chain.</param>
/// <param name="EndOfLine">The file's line ending.</param>
internal sealed record ChainLayout(bool MultiLine, string Indentation, string EndOfLine)
{
    /// <summary>One more level than <see cref="Indentation"/>, in the file's own style (tabs or four spaces).</summary>
    public string Nested => Indentation + (Indentation.Contains("\t") ? "\t" : "    ");

    /// <summary>The layout a new call takes when it sits where <paramref name="dot"/> is.</summary>
    public static ChainLayout Like(SyntaxToken dot, SyntaxNode root)
    {
        var before = dot.GetPreviousToken().TrailingTrivia.Concat(dot.LeadingTrivia).ToList();
        var newline = before.FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        var endOfLine = newline.IsKind(SyntaxKind.EndOfLineTrivia) ? newline.ToString() : EndOfLineOf(root);
        if (!newline.IsKind(SyntaxKind.EndOfLineTrivia)) return new ChainLayout(false, "", endOfLine);
        var indentation = string.Concat(dot.LeadingTrivia
            .Reverse()
            .TakeWhile(t => !t.IsKind(SyntaxKind.EndOfLineTrivia))
            .Reverse()
            .Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia))
            .Select(t => t.ToString()));
        return new ChainLayout(true, indentation, endOfLine);
    }

    /// <summary>The file's line ending: the first one found, else "\n".</summary>
    public static string EndOfLineOf(SyntaxNode root)
    {
        var first = root.DescendantTrivia(descendIntoTrivia: false).FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
        return first.IsKind(SyntaxKind.EndOfLineTrivia) ? first.ToString() : "\n";
    }
}

/// <summary>A call to add to a chain: the method name and its argument list, written for a layout.</summary>
internal sealed class NewCall
{
    public NewCall(string name, Func<ChainLayout, string> arguments)
    {
        Name = name;
        Arguments = arguments;
    }

    public NewCall(string name, string arguments)
        : this(name, _ => arguments)
    {
    }

    public string Name { get; }

    /// <summary>The argument list including parentheses, e.g. <c>("TODO-team")</c>.</summary>
    public Func<ChainLayout, string> Arguments { get; }
}

/// <summary>Finding and growing the fluent chains of a spec.</summary>
internal static class ChainSyntax
{
    /// <summary>The DSL call a diagnostic is reported on: the invocation whose span holds the diagnostic's span.</summary>
    public static InvocationExpressionSyntax? CallAt(SyntaxNode root, TextSpan span)
    {
        if (!root.FullSpan.Contains(span)) return null;
        return root.FindNode(span, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>();
    }

    /// <summary>The method name of <c>x.Name(...)</c>.</summary>
    public static string? NameOf(InvocationExpressionSyntax invocation) =>
        invocation.Expression is MemberAccessExpressionSyntax access ? access.Name.Identifier.ValueText : null;

    /// <summary>The '.' of the call, e.g. of <c>.StopLoss(...)</c>; default when the call has no receiver.</summary>
    public static SyntaxToken DotOf(ExpressionSyntax call) =>
        call is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } ? access.OperatorToken : default;

    /// <summary>
    /// From any call of a plan chain (e.g. <c>RolloutPlan.Create(...)</c>) up to the last call that still
    /// returns the plan builder, where plan-level calls can be appended.
    /// </summary>
    public static InvocationExpressionSyntax? PlanChainTop(InvocationExpressionSyntax call, SemanticModel model, CancellationToken cancellationToken)
    {
        if (!IsPlanBuilder(model.GetTypeInfo(call, cancellationToken).Type)) return null;
        var current = call;
        while (current.Parent is MemberAccessExpressionSyntax access && access.Expression == current
            && access.Parent is InvocationExpressionSyntax next
            && IsPlanBuilder(model.GetTypeInfo(next, cancellationToken).Type))
        {
            current = next;
        }
        return current;
    }

    /// <summary>The first call of a plan chain: <c>RolloutPlan.Create(...)</c>.</summary>
    public static InvocationExpressionSyntax? CreateCallOf(InvocationExpressionSyntax top)
    {
        var current = top;
        while (current.Expression is MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax receiver })
        {
            current = receiver;
        }
        return NameOf(current) == "Create" ? current : null;
    }

    /// <summary>The expression body of a builder lambda passed to <paramref name="call"/> (<c>s => s.Traffic(1)</c>), or null.</summary>
    public static ExpressionSyntax? LambdaBodyOf(InvocationExpressionSyntax call)
    {
        var last = call.ArgumentList.Arguments.LastOrDefault()?.Expression;
        return last is LambdaExpressionSyntax { ExpressionBody: { } body } ? body : null;
    }

    /// <summary>The layout for calls appended at the end of <paramref name="chain"/>: like its last call.</summary>
    public static ChainLayout EndLayout(ExpressionSyntax chain, SyntaxNode root)
    {
        var dot = DotOf(chain);
        return dot.IsKind(SyntaxKind.DotToken) ? ChainLayout.Like(dot, root) : ChainLayout.Like(default, root);
    }

    /// <summary>The layout for a call inserted right after <paramref name="call"/>: like the call that follows it, else like it.</summary>
    public static ChainLayout AfterLayout(InvocationExpressionSyntax call, SyntaxNode root)
    {
        if (call.Parent is MemberAccessExpressionSyntax access && access.Expression == call) return ChainLayout.Like(access.OperatorToken, root);
        return EndLayout(call, root);
    }

    /// <summary><paramref name="chain"/> followed by <paramref name="calls"/>, one per line when <paramref name="layout"/> is multi-line.</summary>
    public static ExpressionSyntax Append(ExpressionSyntax chain, ChainLayout layout, IEnumerable<NewCall> calls)
    {
        var trailing = chain.GetTrailingTrivia();
        ExpressionSyntax result = chain.WithoutTrailingTrivia();
        foreach (var call in calls)
        {
            var dot = SyntaxFactory.Token(SyntaxKind.DotToken);
            if (layout.MultiLine)
            {
                result = result.WithTrailingTrivia(SyntaxFactory.EndOfLine(layout.EndOfLine));
                dot = dot.WithLeadingTrivia(SyntaxFactory.Whitespace(layout.Indentation));
            }
            result = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, result, dot, SyntaxFactory.IdentifierName(call.Name)),
                SyntaxFactory.ParseArgumentList(call.Arguments(layout)));
        }
        return result.WithTrailingTrivia(trailing);
    }

    private static bool IsPlanBuilder(ITypeSymbol? type) =>
        type is { Name: "RolloutPlanBuilder", ContainingNamespace: { Name: "Dsl", ContainingNamespace: { Name: "Rollout", ContainingNamespace.IsGlobalNamespace: true } } };
}
