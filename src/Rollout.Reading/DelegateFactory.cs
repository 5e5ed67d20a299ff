using System;
using System.Collections.Concurrent;
using System.Reflection;

namespace Rollout.Reading;

/// <summary>Wraps an interpreted lambda body in a delegate of the exact type a DSL method takes.</summary>
internal static class DelegateFactory
{
    /// <summary>One compiled factory per delegate type (a spec has a few lambdas, a service the same few types).</summary>
    private static readonly ConcurrentDictionary<Type, Func<Func<object?, object?>, Delegate>?> Factories = new();

    public static Delegate? Create(Type delegateType, Func<object?, object?> body) =>
        Factories.GetOrAdd(delegateType, FactoryFor)?.Invoke(body);

    private static Func<Func<object?, object?>, Delegate>? FactoryFor(Type delegateType)
    {
        if (!delegateType.IsGenericType) return null;
        var arguments = delegateType.GetGenericArguments();
        var definition = delegateType.GetGenericTypeDefinition();
        var factory = definition == typeof(Action<>) ? nameof(MakeAction)
            : definition == typeof(Func<,>) ? nameof(MakeFunc)
            : null;
        if (factory is null) return null;
        var method = typeof(DelegateFactory).GetMethod(factory, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(arguments);
        return (Func<Func<object?, object?>, Delegate>)method.CreateDelegate(typeof(Func<Func<object?, object?>, Delegate>));
    }

    private static Action<T> MakeAction<T>(Func<object?, object?> body) => argument => body(argument);

    private static Func<T, TResult> MakeFunc<T, TResult>(Func<object?, object?> body) => argument => (TResult)body(argument)!;
}
