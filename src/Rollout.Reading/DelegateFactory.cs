using System;
using System.Reflection;

namespace Rollout.Reading;

/// <summary>Wraps an interpreted lambda body in a delegate of the exact type a DSL method takes.</summary>
internal static class DelegateFactory
{
    public static Delegate? Create(Type delegateType, Func<object?, object?> body)
    {
        if (!delegateType.IsGenericType) return null;
        var arguments = delegateType.GetGenericArguments();
        var definition = delegateType.GetGenericTypeDefinition();
        var factory = definition == typeof(Action<>) ? nameof(MakeAction)
            : definition == typeof(Func<,>) ? nameof(MakeFunc)
            : null;
        if (factory is null) return null;
        var method = typeof(DelegateFactory).GetMethod(factory, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(arguments);
        return (Delegate)method.Invoke(null, new object[] { body })!;
    }

    private static Action<T> MakeAction<T>(Func<object?, object?> body) => argument => body(argument);

    private static Func<T, TResult> MakeFunc<T, TResult>(Func<object?, object?> body) => argument => (TResult)body(argument)!;
}
