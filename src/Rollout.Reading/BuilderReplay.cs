using System;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.CodeAnalysis;

namespace Rollout.Reading;

/// <summary>
/// The replay both static readers share (the bound reader, <see cref="SpecEvaluator"/>, and the syntactic one,
/// <see cref="SyntacticSpecReader"/>): a DSL call runs on the DSL's own builders through reflection, a builder
/// lambda becomes a delegate of the exact type the DSL method takes, constants become their runtime values, and
/// whether the DSL takes null somewhere is read from its own annotations. One truth for what a replayed call does.
/// </summary>
internal static class BuilderReplay
{
    /// <summary>
    /// Runs <paramref name="member"/> (a DSL or TimeSpan member); returns false with the DSL's own message when it
    /// throws, as the running spec would. Cancellation and the readers' own failures inside a builder lambda pass
    /// through as themselves.
    /// </summary>
    public static bool TryInvoke(MethodBase member, object? receiver, object?[] arguments, out object? result, out string? failure)
    {
        failure = null;
        try
        {
            result = member is ConstructorInfo constructor ? constructor.Invoke(arguments) : member.Invoke(receiver, arguments);
            return true;
        }
        catch (TargetInvocationException exception) when (exception.InnerException is { } inner)
        {
            HostFailure.RethrowIfCancellation(inner);
            if (inner is ReaderFault) ExceptionDispatchInfo.Capture(inner).Throw();
            result = null;
            failure = inner.Message;
            return false;
        }
    }

    /// <summary>
    /// A delegate of <paramref name="delegateType"/> that runs <paramref name="body"/> (the reader interpreting the
    /// lambda's body) when the DSL calls it; null when the type is not one a builder lambda can have.
    /// </summary>
    public static Delegate? Lambda(Type delegateType, Func<object?, object?> body) =>
        DelegateFactory.Create(delegateType, argument =>
        {
            try
            {
                return body(argument);
            }
            catch (Exception exception) when (exception is not OperationCanceledException and not ReaderFault)
            {
                throw new ReaderFault(exception);
            }
        });

    /// <summary>A compile-time constant as the running spec sees it: an enum member as a value of the DSL's enum type.</summary>
    public static object? Constant(object? value, ITypeSymbol? type)
    {
        if (value is null || type is null || type.TypeKind != TypeKind.Enum) return value;
        return RuntimeBinding.TypeOf(type) is { } enumType ? Enum.ToObject(enumType, value) : value;
    }

    /// <summary>Whether the DSL takes null here: a nullable value type or a reference type annotated with '?'.</summary>
    public static bool AcceptsNull(ITypeSymbol type, NullableAnnotation annotation) =>
        type.IsValueType ? type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T : annotation == NullableAnnotation.Annotated;

    /// <summary>Whether <paramref name="value"/> may be passed for <paramref name="parameter"/>: not null where the DSL needs a value, nor an array holding null.</summary>
    public static bool FitsNullability(object? value, IParameterSymbol parameter, out bool arrayHoldsNull)
    {
        arrayHoldsNull = false;
        if (value is null) return AcceptsNull(parameter.Type, parameter.NullableAnnotation);
        if (value is Array array && parameter.Type is IArrayTypeSymbol arrayType && !AcceptsNull(arrayType.ElementType, arrayType.ElementNullableAnnotation) && Array.IndexOf(array, null) >= 0)
        {
            arrayHoldsNull = true;
            return false;
        }
        return true;
    }

    /// <summary>The original failure behind reflection and lambda wrappers.</summary>
    public static Exception Unwrap(Exception exception)
    {
        var current = exception;
        while (current is ReaderFault or TargetInvocationException && current.InnerException is { } inner) current = inner;
        return current;
    }

    /// <summary>The reader failed inside a lambda that a DSL method ran; carried out unchanged through the DSL call.</summary>
    internal sealed class ReaderFault : Exception
    {
        public ReaderFault(Exception inner) : base(inner.Message, inner) { }
    }
}
