using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Rollout.Dsl;

namespace Rollout.Reading;

/// <summary>
/// The one static reader of <c>[RolloutSpec]</c> methods, shared by the generator and the analyzers:
/// from the semantic model to the same <see cref="RolloutPlan"/> the runtime builders produce.
/// </summary>
internal static class SpecReader
{
    public const string SpecAttributeName = "Rollout.Dsl.RolloutSpecAttribute";

    /// <summary>
    /// Reads the spec; never throws for any input except cancellation. A failure of the reader itself
    /// becomes a <see cref="ReadProblemKind.Failure"/> (ROLL103) on the spec, so the plan is not ready.
    /// </summary>
    public static SpecReading Read(IMethodSymbol method, MethodDeclarationSyntax declaration, SemanticModel model, CancellationToken cancellationToken)
    {
        try
        {
            return ReadUnguarded(method, declaration, model, cancellationToken);
        }
        catch (Exception exception)
        {
            HostFailure.RethrowIfCancellation(exception);
            var location = declaration.Identifier.GetLocation();
            return Failed(new ReadProblem(ReadProblemKind.Failure, HostFailure.Message(method.Name, "read", SpecEvaluator.Unwrap(exception)), location), location);
        }
    }

    private static SpecReading ReadUnguarded(IMethodSymbol method, MethodDeclarationSyntax declaration, SemanticModel model, CancellationToken cancellationToken)
    {
        var nameLocation = declaration.Identifier.GetLocation();
        // Half-typed: the compiler's syntax error is the one to show (and it fails the build).
        if (SpecSyntax.HasSyntaxErrors(declaration))
        {
            return new SpecReading(null, System.Array.Empty<ReadProblem>(), new Dictionary<PlanPath, Location>(), nameLocation);
        }

        var shape = ShapeProblem(method);
        if (shape is not null)
        {
            return Failed(new ReadProblem(ReadProblemKind.SpecShape, shape, nameLocation), nameLocation);
        }

        if (model.GetOperation(declaration, cancellationToken) is not IMethodBodyOperation body
            || (body.ExpressionBody ?? body.BlockBody) is not { } block)
        {
            return Failed(new ReadProblem(ReadProblemKind.SpecShape, "Spec '" + method.Name + "' has no body to read; return the plan from an expression body or a return statement.", nameLocation), nameLocation);
        }

        var evaluator = new SpecEvaluator(cancellationToken);
        var value = evaluator.EvaluateBody(block);
        var (locations, createCall) = evaluator.LocationsOf(value);
        var fallback = createCall ?? nameLocation;
        var problems = new List<ReadProblem>(evaluator.Problems);
        if (problems.Count == 0 && value is not RolloutPlan && !evaluator.HasCompileErrors)
        {
            problems.Add(new ReadProblem(ReadProblemKind.NotEvaluable, "Spec '" + method.Name + "' must return the plan built with RolloutPlan.Create(...).", nameLocation));
        }
        var plan = problems.Count == 0 && !evaluator.HasCompileErrors ? (RolloutPlan?)value : null;
        return new SpecReading(plan, problems, locations, fallback);
    }

    /// <summary>Why <paramref name="method"/> cannot be a spec, or null when its shape is right.</summary>
    public static string? ShapeProblem(IMethodSymbol method)
    {
        var problems = new List<string>();
        if (!method.IsStatic) problems.Add("be static");
        if (method.Parameters.Length > 0) problems.Add("take no parameters");
        if (method.IsGenericMethod) problems.Add("not be generic");
        if (!IsRolloutPlan(method.ReturnType)) problems.Add("return Rollout.Dsl.RolloutPlan");
        if (method.IsAbstract || method.IsExtern || method.IsPartialDefinition) problems.Add("have a body");
        if (problems.Count == 0) return null;
        return "[RolloutSpec] method '" + method.Name + "' must " + string.Join(", ", problems) + ", e.g. 'public static RolloutPlan " + method.Name + "() => RolloutPlan.Create(\"my-plan\")...'.";
    }

    private static bool IsRolloutPlan(ITypeSymbol type) =>
        type is INamedTypeSymbol { Name: nameof(RolloutPlan) } plan && InDslNamespace(plan);

    /// <summary>
    /// Whether <paramref name="type"/> is the class named <see cref="SpecAttributeName"/>, by metadata name as
    /// <c>ForAttributeWithMetadataName</c> compares it (any assembly that declares it, no symbol of this compilation needed).
    /// </summary>
    public static bool IsSpecAttribute(INamedTypeSymbol? type) =>
        type is { Name: nameof(RolloutSpecAttribute), Arity: 0, ContainingType: null } && InDslNamespace(type);

    private static bool InDslNamespace(INamedTypeSymbol type) =>
        type.ContainingNamespace is { Name: "Dsl", ContainingNamespace: { Name: "Rollout", ContainingNamespace.IsGlobalNamespace: true } };

    private static SpecReading Failed(ReadProblem problem, Location location) =>
        new(null, new[] { problem }, new Dictionary<PlanPath, Location>(), location);
}
