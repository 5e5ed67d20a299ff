using System;
using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Rollout.Reading;

/// <summary>
/// C# overload resolution for the syntactic reader, for the little a spec needs: which of a type's methods of one
/// name a call binds to, given its arguments' values and static types. Sure or silent: a candidate is applicable,
/// or surely not, or the reader declines (<see cref="Fit.Maybe"/>); of several applicable ones the better
/// function member is chosen only by the rules written here (identity, numeric widening, normal over expanded
/// form, no omitted optional parameters), else it declines. An applicable instance method is always what C# binds
/// before any extension method, so a user's extension named like a DSL method never changes a call this accepts.
/// </summary>
internal static class SyntacticOverloads
{
    /// <summary>The one best applicable candidate, or null when there is none or this reader cannot tell.</summary>
    public static OverloadChoice? Choose(List<IMethodSymbol> candidates, List<SyntacticArgument> arguments)
    {
        var applicable = new List<OverloadChoice>();
        foreach (var candidate in candidates)
        {
            var (fit, choice) = Match(candidate, arguments, expanded: false);
            if (fit == Fit.No && candidate.Parameters.Length > 0 && candidate.Parameters[candidate.Parameters.Length - 1].IsParams)
            {
                (fit, choice) = Match(candidate, arguments, expanded: true);
            }
            if (fit == Fit.Maybe) return null;
            if (fit == Fit.Yes) applicable.Add(choice!);
        }
        if (applicable.Count <= 1) return applicable.Count == 1 ? applicable[0] : null;
        foreach (var candidate in applicable)
        {
            var best = true;
            foreach (var other in applicable)
            {
                if (ReferenceEquals(candidate, other)) continue;
                var better = Better(candidate, other, arguments);
                if (better is null) return null;
                if (!better.Value) best = false;
            }
            if (best) return candidate;
        }
        return null;
    }

    private static (Fit Fit, OverloadChoice? Choice) Match(IMethodSymbol method, List<SyntacticArgument> arguments, bool expanded)
    {
        var parameters = method.Parameters;
        var choice = new OverloadChoice(method, expanded, arguments.Count);
        var position = 0;
        var named = false;
        for (var index = 0; index < arguments.Count; index++)
        {
            var argument = arguments[index];
            if (argument.Name is null)
            {
                // A positional argument after a named one (C# 7.2): declined rather than modelled.
                if (named) return (Fit.Maybe, null);
                if (position < parameters.Length && !(expanded && parameters[position].IsParams))
                {
                    choice.Add(parameters[position++], index, argument);
                }
                else if (expanded && position >= parameters.Length - 1)
                {
                    choice.Add(parameters[parameters.Length - 1], index, argument);
                }
                else
                {
                    return (Fit.No, null);
                }
                continue;
            }
            named = true;
            IParameterSymbol? target = null;
            foreach (var parameter in parameters)
            {
                if (parameter.Name == argument.Name) target = parameter;
            }
            if (target is null || choice.ArgumentsOf(target).Count > 0) return (Fit.No, null);
            if (expanded && target.IsParams) return (Fit.Maybe, null);
            choice.Add(target, index, argument);
        }

        var fit = Fit.Yes;
        foreach (var parameter in parameters)
        {
            if (parameter.RefKind != RefKind.None) return (Fit.Maybe, null);
            var given = choice.ArgumentsOf(parameter);
            if (expanded && parameter.IsParams)
            {
                var element = ((IArrayTypeSymbol)parameter.Type).ElementType;
                foreach (var argument in given) fit = Worse(fit, argument.Lambda is not null ? Fit.Maybe : Converts(argument.Value!, element));
            }
            else if (given.Count == 0)
            {
                if (!parameter.IsOptional) return (Fit.No, null);
                choice.DefaultsUsed++;
            }
            else
            {
                var argument = given[0];
                fit = Worse(fit, argument.Lambda is { } lambda ? ConvertsLambda(lambda, parameter.Type) : Converts(argument.Value!, parameter.Type));
            }
        }
        return (fit, fit == Fit.Yes ? choice : null);
    }

    /// <summary>"No" wins (the candidate is surely not applicable), then "Maybe".</summary>
    private static Fit Worse(Fit left, Fit right) => left == Fit.No || right == Fit.No ? Fit.No : left == Fit.Maybe || right == Fit.Maybe ? Fit.Maybe : Fit.Yes;

    /// <summary>Whether <paramref name="x"/> is a better function member than <paramref name="y"/> for these arguments; null when this reader cannot tell.</summary>
    private static bool? Better(OverloadChoice x, OverloadChoice y, List<SyntacticArgument> arguments)
    {
        bool xBetter = false, yBetter = false;
        for (var index = 0; index < arguments.Count; index++)
        {
            var argument = arguments[index];
            var px = x.ParameterTypeOf(index);
            var py = y.ParameterTypeOf(index);
            if (px is null || py is null) return null;
            if (SymbolEqualityComparer.Default.Equals(px, py)) continue;
            if (argument.Lambda is not null || argument.Value?.Type is not { } type) return null;
            var conversion = BetterConversion(type, px, py);
            if (conversion is null) return null;
            if (conversion > 0) xBetter = true;
            if (conversion < 0) yBetter = true;
        }
        if (xBetter != yBetter) return xBetter;
        if (xBetter) return false;
        // Tie-breakers: the normal form over the expanded one, then no omitted optional parameters over some.
        if (x.Expanded != y.Expanded) return !x.Expanded;
        if ((x.DefaultsUsed == 0) != (y.DefaultsUsed == 0)) return x.DefaultsUsed == 0;
        return false;
    }

    /// <summary>+1 when converting <paramref name="source"/> to <paramref name="first"/> is better, -1 for <paramref name="second"/>, 0 for neither, null when unknown.</summary>
    private static int? BetterConversion(ITypeSymbol source, ITypeSymbol first, ITypeSymbol second)
    {
        if (SymbolEqualityComparer.Default.Equals(source, first)) return 1;
        if (SymbolEqualityComparer.Default.Equals(source, second)) return -1;
        if (!IsNumeric(first) || !IsNumeric(second)) return null;
        var firstToSecond = ImplicitNumeric(first.SpecialType, second.SpecialType);
        var secondToFirst = ImplicitNumeric(second.SpecialType, first.SpecialType);
        return firstToSecond == secondToFirst ? 0 : firstToSecond ? 1 : -1;
    }

    /// <summary>Whether an argument converts implicitly to <paramref name="target"/>.</summary>
    public static Fit Converts(Typed argument, ITypeSymbol target)
    {
        if (argument.Type is not { } source)
        {
            if (target.IsReferenceType || IsNullable(target, out _)) return Fit.Yes;
            return target.IsValueType ? Fit.No : Fit.Maybe;
        }
        if (SymbolEqualityComparer.Default.Equals(source, target)) return Fit.Yes;
        if (target.SpecialType == SpecialType.System_Object) return Fit.Yes;
        if (IsNullable(target, out var underlying))
        {
            var inner = Converts(argument, underlying);
            return inner == Fit.Yes || inner == Fit.Maybe ? inner : Closed(source) && Closed(underlying) ? Fit.No : Fit.Maybe;
        }
        if (IsNumeric(source) && IsNumeric(target)) return ImplicitNumeric(source.SpecialType, target.SpecialType) ? Fit.Yes : Fit.No;
        if (target.TypeKind == TypeKind.Enum && argument.IsConstant && argument.Value is int or long && Convert.ToInt64(argument.Value, CultureInfo.InvariantCulture) == 0)
        {
            return Fit.Yes;
        }
        return Closed(source) && Closed(target) ? Fit.No : Fit.Maybe;
    }

    /// <summary>Whether a one-parameter lambda converts to <paramref name="target"/> (Action&lt;T&gt; or Func&lt;T, R&gt;, the builder delegates).</summary>
    private static Fit ConvertsLambda(AnonymousFunctionExpressionSyntax lambda, ITypeSymbol target)
    {
        if (target is INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { } invoke } && SingleParameterOf(lambda) is not null)
        {
            return invoke.Parameters.Length == 1 && target.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true }
                && target.Name is "Action" or "Func" ? Fit.Yes : Fit.Maybe;
        }
        return Closed(target) ? Fit.No : Fit.Maybe;
    }

    /// <summary>The value converted as C# converts it implicitly (numeric widening, nullable wrapping, the constant 0 to an enum).</summary>
    public static object? ConvertValue(Typed argument, ITypeSymbol target)
    {
        var value = argument.Value;
        if (value is null) return null;
        if (IsNullable(target, out var underlying)) target = underlying;
        if (IsNumeric(target) && argument.Type is { } source && IsNumeric(source))
        {
            // Each arm boxed as itself (a switch expression would give all of them the type double).
            return target.SpecialType switch
            {
                SpecialType.System_Int32 => (object)Convert.ToInt32(value, CultureInfo.InvariantCulture),
                SpecialType.System_Int64 => (object)Convert.ToInt64(value, CultureInfo.InvariantCulture),
                SpecialType.System_Single => (object)(value is long l ? (float)l : Convert.ToSingle(value, CultureInfo.InvariantCulture)),
                _ => (object)(value is long l2 ? (double)l2 : value is float f ? (double)f : Convert.ToDouble(value, CultureInfo.InvariantCulture)),
            };
        }
        if (target.TypeKind == TypeKind.Enum && value is int or long)
        {
            return Enum.ToObject(RuntimeBinding.TypeOf(target) ?? throw new Undecided(), value);
        }
        return value;
    }

    /// <summary>What the spec returns, converted to its return type: the plan, or a plan builder through the DSL's implicit conversion.</summary>
    public static object? ConvertForReturn(Typed value, ITypeSymbol returnType)
    {
        if (value.Value is null || value.Type is not { } type) throw new Undecided();
        if (SymbolEqualityComparer.Default.Equals(type, returnType)) return value.Value;
        foreach (var member in type.GetMembers("op_Implicit"))
        {
            if (member is IMethodSymbol conversion && SymbolEqualityComparer.Default.Equals(conversion.ReturnType, returnType)
                && FluentSurface.AllowsConversion(conversion) && RuntimeBinding.MethodOf(conversion) is { } runtime)
            {
                return BuilderReplay.TryInvoke(runtime, null, new[] { value.Value }, out var result, out _) ? result : throw new Undecided();
            }
        }
        throw new Undecided();
    }

    /// <summary>Unary minus or plus on a numeric constant, or null when that is not a constant C# would fold the same way here.</summary>
    public static Typed? Sign(Typed operand, bool negate)
    {
        if (!operand.IsConstant || operand.Type is null || !IsNumeric(operand.Type)) return null;
        if (!negate) return operand;
        object? negated = operand.Value switch
        {
            int number when number != int.MinValue => (object)(-number),
            long number when number != long.MinValue => (object)(-number),
            double number => (object)(-number),
            float number => (object)(-number),
            _ => null,
        };
        return negated is null ? null : new Typed(negated, operand.Type, isConstant: true);
    }

    /// <summary>The special type of a predefined type keyword the reader knows (string, bool, int, long, float, double).</summary>
    public static SpecialType? SpecialTypeOf(SyntaxToken keyword) => keyword.Kind() switch
    {
        SyntaxKind.StringKeyword => SpecialType.System_String,
        SyntaxKind.BoolKeyword => SpecialType.System_Boolean,
        SyntaxKind.IntKeyword => SpecialType.System_Int32,
        SyntaxKind.LongKeyword => SpecialType.System_Int64,
        SyntaxKind.FloatKeyword => SpecialType.System_Single,
        SyntaxKind.DoubleKeyword => SpecialType.System_Double,
        _ => null,
    };

    /// <summary>The name of a lambda's one implicitly typed parameter (<c>s => ...</c>, <c>(s) => ...</c>), or null for any other lambda.</summary>
    public static string? SingleParameterOf(AnonymousFunctionExpressionSyntax lambda)
    {
        if (lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword)) return null;
        var parameter = lambda switch
        {
            SimpleLambdaExpressionSyntax simple => simple.Parameter,
            ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1, ReturnType: null } parenthesized => parenthesized.ParameterList.Parameters[0],
            _ => null,
        };
        if (parameter is null || parameter.Type is not null || parameter.Default is not null || parameter.Modifiers.Count > 0 || parameter.AttributeLists.Count > 0) return null;
        return parameter.Identifier.ValueText;
    }

    private static bool IsNullable(ITypeSymbol type, out ITypeSymbol underlying)
    {
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            underlying = nullable.TypeArguments[0];
            return true;
        }
        underlying = type;
        return false;
    }

    private static bool IsNumeric(ITypeSymbol type) =>
        type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Single or SpecialType.System_Double;

    /// <summary>C#'s implicit numeric conversions among int, long, float and double (identity included).</summary>
    private static bool ImplicitNumeric(SpecialType from, SpecialType to) => from == to || (from, to) switch
    {
        (SpecialType.System_Int32, SpecialType.System_Int64 or SpecialType.System_Single or SpecialType.System_Double) => true,
        (SpecialType.System_Int64, SpecialType.System_Single or SpecialType.System_Double) => true,
        (SpecialType.System_Single, SpecialType.System_Double) => true,
        _ => false,
    };

    /// <summary>
    /// Types between which this reader knows every implicit conversion C# has: string, bool, int, long, float,
    /// double, TimeSpan, and the DSL's types (whose one user-defined conversion, builder to plan, is excluded here).
    /// </summary>
    private static bool Closed(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array) return Closed(array.ElementType);
        if (type.SpecialType is SpecialType.System_String or SpecialType.System_Boolean || IsNumeric(type) || RuntimeBinding.IsTimeSpan(type)) return true;
        return RuntimeBinding.IsDsl(type) && type.Name != "RolloutPlanBuilder" && type.Name != "RolloutPlan";
    }
}

/// <summary>A candidate method with the arguments it takes for each parameter, in its normal or expanded (params) form.</summary>
internal sealed class OverloadChoice
{
    private static readonly IReadOnlyList<SyntacticArgument> None = Array.Empty<SyntacticArgument>();

    /// <summary>By parameter ordinal, the arguments it takes (several only for params in the expanded form).</summary>
    private readonly List<SyntacticArgument>?[] _arguments;
    /// <summary>By argument index, the parameter it goes to.</summary>
    private readonly IParameterSymbol?[] _parameters;

    public OverloadChoice(IMethodSymbol method, bool expanded, int argumentCount)
    {
        Method = method;
        Expanded = expanded;
        _arguments = new List<SyntacticArgument>?[method.Parameters.Length];
        _parameters = new IParameterSymbol?[argumentCount];
    }

    public IMethodSymbol Method { get; }

    public bool Expanded { get; }

    /// <summary>Optional parameters left to their defaults.</summary>
    public int DefaultsUsed { get; set; }

    public void Add(IParameterSymbol parameter, int argumentIndex, SyntacticArgument argument)
    {
        (_arguments[parameter.Ordinal] ??= new List<SyntacticArgument>(1)).Add(argument);
        _parameters[argumentIndex] = parameter;
    }

    public IReadOnlyList<SyntacticArgument> ArgumentsOf(IParameterSymbol parameter) => _arguments[parameter.Ordinal] ?? None;

    /// <summary>The type the argument at <paramref name="argumentIndex"/> converts to here: its parameter's, or the element type in the expanded form.</summary>
    public ITypeSymbol? ParameterTypeOf(int argumentIndex)
    {
        if (_parameters[argumentIndex] is not { } parameter) return null;
        return Expanded && parameter.IsParams ? ((IArrayTypeSymbol)parameter.Type).ElementType : parameter.Type;
    }
}
