using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Rollout.CodeFixes;

/// <summary>One change to one node, decided on the original tree and applied with the others of a fix-all.</summary>
internal sealed class SpecEdit
{
    public SpecEdit(SyntaxNode target, Func<SyntaxNode, SyntaxNode> transform, bool needsSystem = false, bool needsDsl = false)
    {
        Target = target;
        Transform = transform;
        NeedsSystem = needsSystem;
        NeedsDsl = needsDsl;
    }

    public SyntaxNode Target { get; }

    /// <summary>From the target's current version (earlier edits of a fix-all applied) to its replacement.</summary>
    public Func<SyntaxNode, SyntaxNode> Transform { get; }

    /// <summary>The inserted code names TimeSpan.</summary>
    public bool NeedsSystem { get; }

    /// <summary>The inserted code names Signal, Role, Trigger or StopLossAction.</summary>
    public bool NeedsDsl { get; }
}

/// <summary>A code fix for one diagnostic id: what it is called and, per diagnostic, the edits it makes.</summary>
internal sealed class SpecFix
{
    private readonly Func<SyntaxNode, SemanticModel, Diagnostic, CancellationToken, IReadOnlyList<SpecEdit>> _plan;

    public SpecFix(string diagnosticId, string title, string key, Func<SyntaxNode, SemanticModel, Diagnostic, CancellationToken, IReadOnlyList<SpecEdit>> plan)
    {
        DiagnosticId = diagnosticId;
        Title = title;
        EquivalenceKey = "Rollout." + diagnosticId + "." + key;
        _plan = plan;
    }

    public string DiagnosticId { get; }

    public string Title { get; }

    public string EquivalenceKey { get; }

    /// <summary>
    /// The edits for <paramref name="diagnostic"/>; empty when the fix does not apply to it, and on a half-typed
    /// spec (a stale diagnostic from before the syntax error): an edit there would land inside the broken text.
    /// </summary>
    public IReadOnlyList<SpecEdit> Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken) =>
        diagnostic.Id == DiagnosticId && diagnostic.Location.IsInSource && !Reading.SpecSyntax.IsInMethodWithSyntaxErrors(root, diagnostic.Location.SourceSpan)
            ? _plan(root, model, diagnostic, cancellationToken)
            : Array.Empty<SpecEdit>();
}

/// <summary>The code fixes. Inserted values are placeholders (TODO_..., TODO-team, typical thresholds) the author must review.</summary>
internal static class SpecFixes
{
    private static readonly IReadOnlyList<SpecEdit> None = Array.Empty<SpecEdit>();

    public static readonly ImmutableArray<SpecFix> All = ImmutableArray.Create(
        new SpecFix("ROLL001", "Add a stop-loss (edit the threshold)", "AddStopLoss",
            (root, model, diagnostic, ct) => AppendToPlan(root, model, diagnostic, ct, needsSystem: false, needsDsl: true,
                new NewCall("StopLoss", "(Signal.ErrorRate.Above(0.5), StopLossAction.Rollback)"))),

        new SpecFix("ROLL002", "Add a rollback definition (edit the flag)", "AddRollback",
            (root, model, diagnostic, ct) => AppendToPlan(root, model, diagnostic, ct, needsSystem: true, needsDsl: false,
                new NewCall("Rollback", "(r => r.Config(flag: \"TODO_FEATURE_FLAG\", takes: TimeSpan.FromSeconds(30)))"))),

        new SpecFix("ROLL003", "Add authority rules (review roles and channel)", "AddAuthority",
            (root, model, diagnostic, ct) => AppendToPlan(root, model, diagnostic, ct, needsSystem: true, needsDsl: true,
                new NewCall("Authority", AuthoritySkeleton))),

        new SpecFix("ROLL005", "Add an observation window (edit the soak time)", "AddObserve", AddObservation),

        new SpecFix("ROLL006", "Add an advance gate (edit the threshold)", "AddAdvanceWhen",
            (root, model, diagnostic, ct) => AppendToLambda(root, diagnostic, "Stage", needsSystem: false, needsDsl: true,
                new NewCall("AdvanceWhen", "(Signal.ErrorRate.Below(0.1))"))),

        new SpecFix("ROLL009", "Let the last stage take 100 % of traffic", "LastStageFull", LastStageFull),

        new SpecFix("ROLL014", "List the sign-off roles in .Inform(...) instead", "SignOffToInform",
            (root, model, diagnostic, ct) => SignOffCalls(root, model, diagnostic, ct)
                .Select(call => new SpecEdit(((MemberAccessExpressionSyntax)call.Expression).Name,
                    current => SyntaxFactory.IdentifierName("Inform").WithTriviaFrom(current)))
                .ToList()),

        new SpecFix("ROLL014", "Remove .RequireSignOff(...)", "RemoveSignOff", RemoveSignOff),

        new SpecFix("ROLL015", "Announce rollbacks in a channel (edit the channel)", "AddAnnounce",
            (root, model, diagnostic, ct) => AppendToLambda(root, diagnostic, "Authority", needsSystem: true, needsDsl: false,
                new NewCall("Announce", "(\"#incidents\", within: TimeSpan.FromMinutes(5))"))),

        new SpecFix("ROLL016", "Use a valid plan id", "NormalizeId", NormalizeId),

        new SpecFix("ROLL019", "Add an owner (edit the team)", "AddOwner", AddOwner),

        new SpecFix("ROLL025", "Remove control characters from the text", "RemoveControlCharacters", RemoveControlCharacters),

        new SpecFix("ROLL024", "Add a measurement for this metric (write the query)", "AddMeasure", AddMeasurement),

        new SpecFix("ROLL021", "Let release engineers and on-call trigger a rollback", "AddTriggers",
            (root, model, diagnostic, ct) => AppendToLambda(root, diagnostic, "Authority", needsSystem: false, needsDsl: true,
                new NewCall("MayTrigger", "(Role.ReleaseEngineer, Trigger.StopLossCrossed)"),
                new NewCall("MayTrigger", "(Role.OnCall, Trigger.AnyReason)"))));

    public static ImmutableArray<string> FixableIds { get; } = All.Select(f => f.DiagnosticId).Distinct().ToImmutableArray();

    private static string AuthoritySkeleton(ChainLayout layout)
    {
        string[] calls =
        {
            ".MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed)",
            ".MayTrigger(Role.OnCall, Trigger.AnyReason)",
            ".Announce(\"#incidents\", within: TimeSpan.FromMinutes(5))",
        };
        return layout.MultiLine
            ? "(a => a" + string.Concat(calls.Select(c => layout.EndOfLine + layout.Nested + c)) + ")"
            : "(a => a" + string.Concat(calls) + ")";
    }

    /// <summary>ROLL001-003: a plan-level call at the end of the chain that starts at the reported <c>RolloutPlan.Create(...)</c>.</summary>
    private static IReadOnlyList<SpecEdit> AppendToPlan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken, bool needsSystem, bool needsDsl, params NewCall[] calls)
    {
        if (ChainSyntax.CallAt(root, diagnostic.Location.SourceSpan) is not { } call) return None;
        if (ChainSyntax.PlanChainTop(call, model, cancellationToken) is not { } top) return None;
        var layout = ChainSyntax.EndLayout(top, root);
        return new[] { new SpecEdit(top, current => ChainSyntax.Append((ExpressionSyntax)current, layout, calls), needsSystem, needsDsl) };
    }

    /// <summary>A call at the end of the builder lambda of the reported call, e.g. <c>.Authority(a => a ... .Announce(...))</c>.</summary>
    private static IReadOnlyList<SpecEdit> AppendToLambda(SyntaxNode root, Diagnostic diagnostic, string builderCall, bool needsSystem, bool needsDsl, params NewCall[] calls)
    {
        if (ChainSyntax.CallAt(root, diagnostic.Location.SourceSpan) is not { } call || ChainSyntax.NameOf(call) != builderCall) return None;
        if (ChainSyntax.LambdaBodyOf(call) is not { } body) return None;
        var layout = ChainSyntax.EndLayout(body, root);
        return new[] { new SpecEdit(body, current => ChainSyntax.Append((ExpressionSyntax)current, layout, calls), needsSystem, needsDsl) };
    }

    /// <summary>ROLL005: <c>.Observe(TimeSpan.FromMinutes(30))</c> in the stage, or that window instead of a zero one.</summary>
    private static IReadOnlyList<SpecEdit> AddObservation(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        const string Window = "(TimeSpan.FromMinutes(30))";
        if (ChainSyntax.CallAt(root, diagnostic.Location.SourceSpan) is { } call && ChainSyntax.NameOf(call) == "Observe")
        {
            return new[] { new SpecEdit(call.ArgumentList, current => SyntaxFactory.ParseArgumentList(Window).WithTriviaFrom(current), needsSystem: true) };
        }
        return AppendToLambda(root, diagnostic, "Stage", needsSystem: true, needsDsl: false, new NewCall("Observe", Window));
    }

    /// <summary>ROLL009: the last stage's <c>.Traffic(p, ...)</c> becomes <c>.Traffic(100, ...)</c>.</summary>
    private static IReadOnlyList<SpecEdit> LastStageFull(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (ChainSyntax.CallAt(root, diagnostic.Location.SourceSpan) is not { } call || ChainSyntax.NameOf(call) != "Traffic") return None;
        if (call.ArgumentList.Arguments.FirstOrDefault() is not { } percent) return None;
        return new[] { new SpecEdit(percent.Expression, current => SyntaxFactory.ParseExpression("100").WithTriviaFrom(current)) };
    }

    /// <summary>ROLL016: a literal id lower-cased, with every other character a dash ("Checkout_V2" → "checkout-v2").</summary>
    private static IReadOnlyList<SpecEdit> NormalizeId(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node is ArgumentSyntax argument) node = argument.Expression;
        if (node is not LiteralExpressionSyntax { Token.Value: string id } literal) return None;
        var valid = Rollout.Dsl.PlanId.Suggest(id);
        if (valid is null || valid == id) return None;
        return new[] { new SpecEdit(literal, current => SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(valid)).WithTriviaFrom(current)) };
    }

    /// <summary>
    /// ROLL025: every string literal inside the flagged call whose text holds a forbidden character, written again without
    /// it. A query (an argument to a parameter named <c>query</c>) is left alone: it is not free text.
    /// </summary>
    private static IReadOnlyList<SpecEdit> RemoveControlCharacters(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var span = diagnostic.Location.SourceSpan;
        var edits = new List<SpecEdit>();
        foreach (var literal in root.FindNode(span, getInnermostNodeForTie: true).DescendantNodesAndSelf().OfType<LiteralExpressionSyntax>())
        {
            if (!span.Contains(literal.Span) || literal.Token.Value is not string text || !Rollout.Dsl.Text.FreeText.HasForbidden(text)) continue;
            if (literal.Parent is ArgumentSyntax argument && model.GetOperation(argument, cancellationToken) is Microsoft.CodeAnalysis.Operations.IArgumentOperation { Parameter.Name: "query" }) continue;
            var clean = Rollout.Dsl.Text.FreeText.WithoutForbidden(text);
            edits.Add(new SpecEdit(literal, current => SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(clean)).WithTriviaFrom(current)));
        }
        return edits;
    }

    /// <summary>ROLL019: <c>.Owner("TODO-team")</c> right after <c>RolloutPlan.Create(...)</c>, or that team instead of a blank one.</summary>
    private static IReadOnlyList<SpecEdit> AddOwner(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        const string Team = "(\"TODO-team\")";
        if (ChainSyntax.CallAt(root, diagnostic.Location.SourceSpan) is not { } call) return None;
        if (ChainSyntax.NameOf(call) == "Owner")
        {
            return new[] { new SpecEdit(call.ArgumentList, current => SyntaxFactory.ParseArgumentList(Team).WithTriviaFrom(current)) };
        }
        if (ChainSyntax.PlanChainTop(call, model, cancellationToken) is not { } top || ChainSyntax.CreateCallOf(top) is not { } create) return None;
        var layout = ChainSyntax.AfterLayout(create, root);
        return new[] { new SpecEdit(create, current => ChainSyntax.Append((ExpressionSyntax)current, layout, new[] { new NewCall("Owner", Team) })) };
    }

    /// <summary>
    /// ROLL024: <c>.Measure(&lt;the metric&gt;, query: "TODO: ...")</c> at the end of the plan chain. The diagnostic
    /// is on the condition (<c>Signal.ErrorRate.Below(0.1)</c>); its receiver is the metric, copied as written.
    /// </summary>
    private static IReadOnlyList<SpecEdit> AddMeasurement(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (ChainSyntax.CallAt(root, diagnostic.Location.SourceSpan) is not { Expression: MemberAccessExpressionSyntax { Expression: var metric } } condition
            || condition.Span != diagnostic.Location.SourceSpan) return None;
        var top = condition.Ancestors().OfType<InvocationExpressionSyntax>()
            .Select(call => ChainSyntax.PlanChainTop(call, model, cancellationToken))
            .FirstOrDefault(found => found is not null);
        if (top is null) return None;
        var layout = ChainSyntax.EndLayout(top, root);
        var measure = new NewCall("Measure", "(" + metric.WithoutTrivia().ToString() + ", query: \"TODO: Prometheus query returning the metric's value in its unit over [$window]\")");
        return new[] { new SpecEdit(top, current => ChainSyntax.Append((ExpressionSyntax)current, layout, new[] { measure }), needsDsl: true) };
    }

    /// <summary>ROLL014, remove: each <c>.RequireSignOff(...)</c> of the spec is dropped (only when another call stays in the lambda).</summary>
    private static IReadOnlyList<SpecEdit> RemoveSignOff(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var calls = SignOffCalls(root, model, diagnostic, cancellationToken);
        // 'a => a.RequireSignOff(...)' would leave 'a => a', which does not compile.
        if (calls.Count == 0 || calls.Any(c => c.Expression is MemberAccessExpressionSyntax { Expression: not InvocationExpressionSyntax })) return None;
        return calls.Select(call => new SpecEdit(call, current =>
        {
            var invocation = (InvocationExpressionSyntax)current;
            var receiver = ((MemberAccessExpressionSyntax)invocation.Expression).Expression;
            return receiver.WithTrailingTrivia(invocation.GetTrailingTrivia());
        })).ToList();
    }

    /// <summary>Every <c>AuthorityBuilder.RequireSignOff(...)</c> call in the spec method the diagnostic is in.</summary>
    private static IReadOnlyList<InvocationExpressionSyntax> SignOffCalls(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var method = ChainSyntax.CallAt(root, diagnostic.Location.SourceSpan)?.FirstAncestorOrSelf<MethodDeclarationSyntax>();
        if (method is null) return Array.Empty<InvocationExpressionSyntax>();
        return method.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(i => ChainSyntax.NameOf(i) == "RequireSignOff"
                && model.GetSymbolInfo(i, cancellationToken).Symbol is IMethodSymbol { ContainingType.Name: "AuthorityBuilder" })
            .ToList();
    }
}
