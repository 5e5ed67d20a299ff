using System;
using System.Collections.Generic;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using Rollout.Dsl;

namespace Rollout.Reading;

/// <summary>
/// Interprets the operations of one spec body: constants are folded by the compiler, DSL calls
/// are replayed on the DSL's own builders, and anything else becomes a <see cref="ReadProblem"/>
/// at its exact location. Never throws for user input and never runs user code.
/// </summary>
internal sealed class SpecEvaluator
{
    /// <summary>Stands for a value that could not be evaluated; its problem is already recorded.</summary>
    private static readonly object Unknown = new();

    private readonly List<ReadProblem> _problems = new();
    private readonly List<PlanRoot> _roots = new();
    /// <summary>Every builder the spec reached, and the plan (Create call) it builds.</summary>
    private readonly Dictionary<object, PlanRoot> _builders = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<IParameterSymbol, object?> _parameters = new(SymbolEqualityComparer.Default);
    private readonly CancellationToken _cancellationToken;

    public SpecEvaluator(CancellationToken cancellationToken) => _cancellationToken = cancellationToken;

    public IReadOnlyList<ReadProblem> Problems => _problems;

    /// <summary>The spec does not compile; the compiler reports why, so the reader adds nothing.</summary>
    public bool HasCompileErrors { get; private set; }

    /// <summary>
    /// Where the parts of <paramref name="value"/> (the plan the body returned) were written, and its Create call.
    /// Each RolloutPlan.Create(...) records its own chain, so a plan created inside a lambda never moves the outer plan's locations.
    /// </summary>
    public (IReadOnlyDictionary<PlanPath, Location> Locations, Location? CreateCall) LocationsOf(object? value)
    {
        PlanRoot? chosen = null;
        foreach (var root in _roots)
        {
            if (ReferenceEquals(root.Builder, value) || ReferenceEquals(root.Builder.Build(), value))
            {
                chosen = root;
                break;
            }
        }
        chosen ??= _roots.Count > 0 ? _roots[0] : null;
        return chosen is null ? (new Dictionary<PlanPath, Location>(), null) : (chosen.Locations, chosen.CreateCall);
    }

    /// <summary>Evaluates the value a spec body returns; null when it could not.</summary>
    public object? EvaluateBody(IBlockOperation body)
    {
        var result = ExecuteBlock(body);
        return ReferenceEquals(result, Unknown) ? null : result;
    }

    private object? ExecuteBlock(IBlockOperation block)
    {
        foreach (var statement in block.Operations)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            switch (statement)
            {
                case IReturnOperation { ReturnedValue: null }:
                    return null;
                case IReturnOperation returned:
                    return Evaluate(returned.ReturnedValue);
                case IExpressionStatementOperation expression:
                    Evaluate(expression.Operation);
                    break;
                case IVariableDeclarationGroupOperation declarations when IsConstOnly(declarations):
                    break;
                default:
                    Report(statement, "this statement cannot be read at build time; a spec body only returns the plan (const locals are fine)");
                    return Unknown;
            }
        }
        return null;
    }

    private object? Evaluate(IOperation operation)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (operation is IInvalidOperation || operation.Type is { TypeKind: TypeKind.Error })
        {
            HasCompileErrors = true;
            return Unknown;
        }
        if (operation.ConstantValue.HasValue)
        {
            return BuilderReplay.Constant(operation.ConstantValue.Value, operation.Type);
        }

        switch (operation)
        {
            case IConversionOperation conversion:
                return Convert(conversion);
            case IInvocationOperation invocation:
                return Invoke(invocation);
            case IObjectCreationOperation creation when RuntimeBinding.IsDsl(creation.Type):
                return Report(creation, "'new " + creation.Type!.Name + "(...)' is not read at build time; write the plan with the DSL's fluent calls (RolloutPlan.Create(...), Signal.ErrorRate.Above(0.5), Role.Named(\"...\"))");
            case IPropertyReferenceOperation { Property: var property } when FluentSurface.Allows(property):
                return InvokeReflected(operation, RuntimeBinding.GetterOf(property), null, Array.Empty<object?>(), property);
            case IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true } field } when RuntimeBinding.IsTimeSpan(field.ContainingType):
                return RuntimeBinding.FieldOf(field)?.GetValue(null) ?? Report(operation, "'" + field.ToDisplayString() + "' is not available at build time");
            case IFieldReferenceOperation { Field: var field }:
                return Report(operation, "field '" + field.Name + "' is not a constant; make it 'const' so the build can read it");
            case ILocalReferenceOperation { Local: var local }:
                return Report(operation, "local '" + local.Name + "' is not a constant; declare it 'const' or write the value inline");
            case IParameterReferenceOperation { Parameter: var parameter } when _parameters.TryGetValue(parameter, out var value):
                return value;
            case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } creation:
                return Lambda(creation, lambda, null);
            case IDelegateCreationOperation creation:
                return Report(creation, "only a lambda (s => s...) can be read at build time, not a method reference");
            case IArrayCreationOperation array:
                return ArrayOf(array);
            case IDefaultValueOperation defaultValue:
                return DefaultOf(defaultValue);
            case IInterpolatedStringOperation:
                return Report(operation, "this interpolated string is not constant; use only const values inside it");
            default:
                return Report(operation, "'" + Shorten(operation.Syntax.ToString()) + "' cannot be evaluated at build time; use literals, const fields, enum members, nameof, TimeSpan.FromX(constant) and the DSL's own calls");
        }
    }

    /// <summary>
    /// <c>default</c>, and the value of an omitted optional argument the compiler did not fold to a
    /// constant (e.g. <c>TimeSpan? takes = null</c>): null, or the zero value of a known struct.
    /// </summary>
    private object? DefaultOf(IDefaultValueOperation operation)
    {
        if (operation.Type is null || !operation.Type.IsValueType) return null;
        var type = RuntimeBinding.TypeOf(operation.Type);
        if (type is null) return Report(operation, "'" + Shorten(operation.Syntax.ToString()) + "' cannot be evaluated at build time");
        return Nullable.GetUnderlyingType(type) is not null ? null : Activator.CreateInstance(type);
    }

    private object? Convert(IConversionOperation conversion)
    {
        if (conversion.OperatorMethod is { } userDefined)
        {
            if (!FluentSurface.AllowsConversion(userDefined)) return Report(conversion, "the conversion '" + userDefined.ToDisplayString() + "' is not part of the DSL's fluent calls and is not run at build time");
            var operand = Evaluate(conversion.Operand);
            if (ReferenceEquals(operand, Unknown)) return Unknown;
            if (operand is null) return Report(conversion.Operand, "'" + Shorten(conversion.Operand.Syntax.ToString()) + "' is null here, so the conversion throws at run time");
            return InvokeReflected(conversion, RuntimeBinding.MethodOf(userDefined), null, new[] { operand }, userDefined);
        }

        var value = Evaluate(conversion.Operand);
        if (ReferenceEquals(value, Unknown) || conversion.Type is null) return value;
        if (RuntimeBinding.TypeOf(conversion.Type) is not { } target)
        {
            return Report(conversion, "'" + Shorten(conversion.Syntax.ToString()) + "' converts to " + conversion.Type.ToDisplayString() + ", which cannot be read at build time");
        }
        var converted = RuntimeConversion.Convert(conversion, value, target, out var refusal);
        return refusal is null ? converted : Report(conversion, "'" + Shorten(conversion.Syntax.ToString()) + "' cannot be evaluated at build time: " + refusal);
    }

    private object? Invoke(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (!FluentSurface.Allows(method)) return Refuse(invocation, method);

        object? receiver = null;
        if (invocation.Instance is { } instance)
        {
            receiver = Evaluate(instance);
            if (ReferenceEquals(receiver, Unknown)) return ReportProblemsIn(invocation.Arguments);
            if (receiver is null)
            {
                Report(instance, "'" + Shorten(instance.Syntax.ToString()) + "' is null, so calling " + method.Name + " on it throws NullReferenceException at run time");
                return ReportProblemsIn(invocation.Arguments);
            }
        }

        // The plan the receiver builds goes, as a value, to the builder lambdas among this call's own arguments.
        PlanRoot? root = null;
        if (receiver is not null) _builders.TryGetValue(receiver, out root);
        var before = (receiver as IPlanBuilder)?.LastWrite;
        var result = Call(invocation, method, receiver, invocation.Arguments, root);
        if (!ReferenceEquals(result, Unknown)) Track(invocation, method, receiver, result, root, before);
        return result;
    }

    /// <summary>
    /// A call the build does not run. Within a plan chain (<c>.AddCanary()</c> on a builder) it is reported at its
    /// name and arguments, after the chain before it was read, so that part's own problems are reported too.
    /// </summary>
    private object Refuse(IInvocationOperation invocation, IMethodSymbol method)
    {
        var name = method.ContainingType.Name + "." + method.Name;
        var chained = ChainedReceiver(invocation, method);
        if (chained is not null) Evaluate(chained);
        var location = chained is not null ? CallLocation(invocation) : invocation.Syntax.GetLocation();
        string message;
        if (RuntimeBinding.IsDsl(method) || RuntimeBinding.IsTimeSpan(method.ContainingType))
        {
            message = "'" + name + "' is not one of the DSL's fluent calls and is not run at build time; write the plan with RolloutPlan.Create(...) and its builder calls";
        }
        else if (IsInSource(method))
        {
            message = "the call to '" + name + "' runs user code, which the build does not execute; write the DSL calls inline or use const values";
        }
        else
        {
            message = "the value of '" + name + "' is not known at build time: the build runs no method outside the DSL; write the value as a literal or a const";
        }
        return ReportAt(location, message);
    }

    /// <summary>The plan builder a refused call continues: its instance, or the receiver of an extension method, when that is a DSL value.</summary>
    private static IOperation? ChainedReceiver(IInvocationOperation invocation, IMethodSymbol method)
    {
        var receiver = invocation.Instance;
        if (receiver is null && method.IsExtensionMethod && invocation.Arguments.Length > 0 && invocation.Arguments[0].Parameter?.Ordinal == 0)
        {
            receiver = invocation.Arguments[0].Value;
        }
        if (receiver is IConversionOperation { IsImplicit: true } conversion) receiver = conversion.Operand;
        return receiver is not null && RuntimeBinding.IsDsl(receiver.Type) ? receiver : null;
    }

    private static bool IsInSource(IMethodSymbol method)
    {
        foreach (var location in method.OriginalDefinition.Locations)
        {
            if (location.IsInSource) return true;
        }
        return false;
    }

    /// <summary>
    /// The chain is already broken before this call, but its own arguments may hold further problems:
    /// evaluate them only to report those, so a user sees every problem of a chain at once.
    /// Lambdas are skipped: they need the builder the broken receiver would have made.
    /// </summary>
    private object ReportProblemsIn(IReadOnlyList<IArgumentOperation> arguments)
    {
        foreach (var argument in arguments)
        {
            if (argument.Value is not IDelegateCreationOperation) Evaluate(argument.Value);
        }
        return Unknown;
    }

    /// <param name="root">The plan the receiver builds, for builder lambdas among the arguments; null outside a plan chain.</param>
    private object? Call(IOperation operation, IMethodSymbol method, object? receiver, IReadOnlyList<IArgumentOperation> arguments, PlanRoot? root = null)
    {
        var values = new object?[method.Parameters.Length];
        var known = true;
        foreach (var argument in arguments)
        {
            if (argument.Parameter is not { } parameter) return Report(argument, "this argument cannot be matched to a parameter");
            var value = argument.Value is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } creation
                ? Lambda(creation, lambda, root)
                : Evaluate(argument.Value);
            if (!BuilderReplay.FitsNullability(value, parameter, out var arrayHoldsNull))
            {
                if (arrayHoldsNull)
                {
                    value = Report(argument.Value, "'" + Shorten(argument.Value.Syntax.ToString()) + "' holds null, but every item of '" + parameter.Name + "' needs a value");
                }
                else
                {
                    var written = argument.IsImplicit ? argument.Value : argument;
                    value = Report(written, "'" + Shorten(written.Syntax.ToString()) + "' is null, but '" + parameter.Name + "' of " + method.Name + " needs a value (the call throws at run time)");
                }
            }
            if (ReferenceEquals(value, Unknown)) known = false;
            values[parameter.Ordinal] = value;
        }
        if (!known) return Unknown;
        return InvokeReflected(operation, RuntimeBinding.MethodOf(method), receiver, values, method);
    }

    /// <param name="symbol">Named only in a problem: its display string is built only when there is one.</param>
    private object? InvokeReflected(IOperation operation, MethodBase? member, object? receiver, object?[] arguments, ISymbol symbol)
    {
        if (member is null)
        {
            return Report(operation, "'" + symbol.ToDisplayString() + "' has no build-time counterpart in this version of RolloutDsl");
        }
        return BuilderReplay.TryInvoke(member, receiver, arguments, out var result, out var failure)
            ? result
            : Report(operation, "'" + Shorten(operation.Syntax.ToString()) + "' fails: " + failure);
    }

    /// <summary>The original failure behind reflection and lambda wrappers.</summary>
    public static Exception Unwrap(Exception exception) => BuilderReplay.Unwrap(exception);

    /// <param name="root">The plan whose builder the lambda receives, so the calls in its body are placed in that plan.</param>
    private object? Lambda(IDelegateCreationOperation creation, IAnonymousFunctionOperation lambda, PlanRoot? root)
    {
        if (creation.Type is null || RuntimeBinding.TypeOf(creation.Type) is not { } delegateType || lambda.Symbol.Parameters.Length != 1)
        {
            return Report(creation, "only a one-parameter builder lambda (s => s...) can be read at build time here");
        }
        var parameter = lambda.Symbol.Parameters[0];
        var created = BuilderReplay.Lambda(delegateType, argument =>
        {
            _parameters[parameter] = argument;
            if (argument is IPlanBuilder && root is not null) _builders[argument] = root;
            var result = ExecuteBlock(lambda.Body);
            return ReferenceEquals(result, Unknown) ? null : result;
        });
        return created ?? Report(creation, "this delegate type cannot be read at build time");
    }

    private object? ArrayOf(IArrayCreationOperation array)
    {
        if (array.Type is not IArrayTypeSymbol arrayType || RuntimeBinding.TypeOf(arrayType.ElementType) is not { } elementType)
        {
            return Report(array, "this array cannot be read at build time");
        }
        var elements = array.Initializer?.ElementValues ?? System.Collections.Immutable.ImmutableArray<IOperation>.Empty;
        var result = System.Array.CreateInstance(elementType, elements.Length);
        var known = true;
        for (var i = 0; i < elements.Length; i++)
        {
            var value = Evaluate(elements[i]);
            if (value is null && !BuilderReplay.AcceptsNull(arrayType.ElementType, arrayType.ElementNullableAnnotation))
            {
                value = Report(elements[i], "'" + Shorten(elements[i].Syntax.ToString()) + "' is null; every item here needs a value");
            }
            if (ReferenceEquals(value, Unknown)) known = false;
            else result.SetValue(value, i);
        }
        if (array.Initializer is null && !(array.DimensionSizes.Length == 1 && array.DimensionSizes[0].ConstantValue is { HasValue: true, Value: 0 }))
        {
            return Report(array, "only arrays written with their elements can be read at build time");
        }
        return known ? result : Unknown;
    }

    // --- where each part was written ---------------------------------------------------------

    /// <summary>
    /// Records where the part a DSL call wrote was written, under the path the builder reports for the call
    /// (<see cref="IPlanBuilder.LastWrite"/>): the reader knows no builder method by name.
    /// </summary>
    private void Track(IInvocationOperation invocation, IMethodSymbol method, object? receiver, object? result, PlanRoot? root, PlanWrite? before)
    {
        if (receiver is null)
        {
            if (result is RolloutPlanBuilder created && method.Name == nameof(RolloutPlan.Create))
            {
                var plan = new PlanRoot(created, invocation.Syntax.GetLocation());
                _roots.Add(plan);
                _builders[created] = plan;
                Record(plan, created.LastWrite, invocation, plan.CreateCall);
            }
            return;
        }
        if (root is null || (receiver as IPlanBuilder)?.LastWrite is not { } write || ReferenceEquals(write, before)) return;
        Record(root, write, invocation, CallLocation(invocation));
    }

    private static void Record(PlanRoot root, PlanWrite write, IInvocationOperation invocation, Location callLocation)
    {
        root.Locations[write.Part] = callLocation;
        if (write.FirstArgument is { } first && invocation.Arguments.Length > 0)
        {
            root.Locations[first] = invocation.Arguments[0].Value.Syntax.GetLocation();
        }
        if (write.Elements.Count == 0) return;
        // Each element of a params argument (every gate of AdvanceWhen(a, b)) where it is written.
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind != ArgumentKind.ParamArray || argument.Value is not IArrayCreationOperation { Initializer: { } initializer }) continue;
            var elements = initializer.ElementValues;
            if (elements.Length != write.Elements.Count) continue;
            for (var k = 0; k < elements.Length; k++) root.Locations[write.Elements[k]] = elements[k].Syntax.GetLocation();
        }
    }

    /// <summary>From the method name to the closing parenthesis: <c>Stage("canary", ...)</c>, not the whole chain before it.</summary>
    private static Location CallLocation(IInvocationOperation invocation)
    {
        if (invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } syntax)
        {
            return Location.Create(syntax.SyntaxTree, TextSpan.FromBounds(access.Name.SpanStart, syntax.Span.End));
        }
        return invocation.Syntax.GetLocation();
    }

    private object Report(IOperation operation, string message)
    {
        // 'null!' is written with its '!', which the operation tree leaves out.
        var syntax = operation.Syntax;
        while (syntax.Parent is PostfixUnaryExpressionSyntax suppressed && suppressed.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.SuppressNullableWarningExpression)) syntax = suppressed;
        return ReportAt(syntax.GetLocation(), message);
    }

    private object ReportAt(Location location, string message)
    {
        _problems.Add(new ReadProblem(ReadProblemKind.NotEvaluable, message, location));
        return Unknown;
    }

    private static bool IsConstOnly(IVariableDeclarationGroupOperation group)
    {
        foreach (var declaration in group.Declarations)
        {
            foreach (var declarator in declaration.Declarators)
            {
                if (!declarator.Symbol.IsConst) return false;
            }
        }
        return true;
    }

    private static string Shorten(string text)
    {
        text = text.Replace("\r", " ").Replace("\n", " ");
        return text.Length <= 80 ? text : text.Substring(0, 77) + "...";
    }

    /// <summary>One RolloutPlan.Create(...) chain and where its parts were written.</summary>
    private sealed class PlanRoot
    {
        public PlanRoot(RolloutPlanBuilder builder, Location createCall)
        {
            Builder = builder;
            CreateCall = createCall;
        }

        public RolloutPlanBuilder Builder { get; }

        public Location CreateCall { get; }

        public Dictionary<PlanPath, Location> Locations { get; } = new();
    }

    private sealed class ReferenceEqualityComparer : IEqualityComparer<object>
    {
        public static readonly ReferenceEqualityComparer Instance = new();

        public new bool Equals(object? x, object? y) => ReferenceEquals(x, y);

        public int GetHashCode(object obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
