using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Rollout.Dsl;

namespace Rollout.Reading;

/// <summary>
/// Maps compile-time symbols of the DSL onto the DSL's own code, which is compiled into this
/// assembly, so a statically read spec runs through exactly the builders the runtime uses.
/// Lookups are cached (per symbol instance, weakly, so no compilation is kept alive; and by runtime name):
/// a service's specs call the same few DSL members, and a reflection lookup by name costs more than the call.
/// </summary>
internal static class RuntimeBinding
{
    public const string DslAssemblyName = "Rollout.Dsl";

    private static readonly Assembly DslAssembly = typeof(RolloutPlan).Assembly;

    public static bool IsDsl(ISymbol? symbol) => symbol?.ContainingAssembly?.Name == DslAssemblyName;

    public static bool IsTimeSpan(ITypeSymbol? type) =>
        type is { Name: "TimeSpan", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };

    private static readonly ConditionalWeakTable<ITypeSymbol, Resolved<Type>> Types = new();

    private static readonly ConditionalWeakTable<IMethodSymbol, Resolved<MethodBase>> Methods = new();

    /// <summary>The DSL's types by metadata name ("Rollout.Dsl.StageBuilder"): one dictionary lookup instead of Assembly.GetType.</summary>
    private static readonly Lazy<Dictionary<string, Type>> DslTypes = new(() =>
        DslAssembly.GetTypes().Where(t => t.FullName is not null).ToDictionary(t => t.FullName!, StringComparer.Ordinal));

    private static readonly ConcurrentDictionary<(Type Definition, Type First, Type? Second), Type> Constructed = new();

    /// <summary>The runtime type for a DSL, BCL primitive, TimeSpan, array, nullable or Action/Func type; null if unsupported.</summary>
    public static Type? TypeOf(ITypeSymbol type) =>
        Types.GetValue(type, static symbol => new Resolved<Type>(ResolveType(symbol))).Value;

    private static Type? ResolveType(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_String: return typeof(string);
            case SpecialType.System_Double: return typeof(double);
            case SpecialType.System_Single: return typeof(float);
            case SpecialType.System_Int32: return typeof(int);
            case SpecialType.System_Int64: return typeof(long);
            case SpecialType.System_Boolean: return typeof(bool);
            case SpecialType.System_Object: return typeof(object);
        }

        if (type is IArrayTypeSymbol array)
        {
            return TypeOf(array.ElementType)?.MakeArrayType();
        }

        if (type is not INamedTypeSymbol named) return null;

        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
        {
            return TypeOf(named.TypeArguments[0]) is { } inner ? typeof(Nullable<>).MakeGenericType(inner) : null;
        }

        if (IsTimeSpan(named)) return typeof(TimeSpan);

        if (named.IsGenericType && named.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true })
        {
            var definition = (named.Name, named.Arity) switch
            {
                ("Action", 1) => typeof(Action<>),
                ("Func", 2) => typeof(Func<,>),
                _ => null,
            };
            if (definition is null) return null;
            var first = TypeOf(named.TypeArguments[0]);
            var second = named.Arity == 2 ? TypeOf(named.TypeArguments[1]) : null;
            if (first is null || (named.Arity == 2 && second is null)) return null;
            return Constructed.GetOrAdd((definition, first, second), static key =>
                key.Second is null ? key.Definition.MakeGenericType(key.First) : key.Definition.MakeGenericType(key.First, key.Second));
        }

        if (IsDsl(named) && !named.IsGenericType)
        {
            return DslTypes.Value.TryGetValue(MetadataName(named), out var dslType) ? dslType : null;
        }

        return null;
    }

    /// <summary>The runtime method or constructor a DSL or TimeSpan call binds to; null if it has no runtime twin.</summary>
    public static MethodBase? MethodOf(IMethodSymbol method) =>
        Methods.GetValue(method, static symbol => new Resolved<MethodBase>(ResolveMethod(symbol))).Value;

    private static MethodBase? ResolveMethod(IMethodSymbol method)
    {
        if (TypeOf(method.ContainingType) is not { } owner) return null;
        var parameters = method.Parameters.Select(p => TypeOf(p.Type)).ToArray();
        if (parameters.Any(p => p is null)) return null;
        var flags = BindingFlags.Public | (method.IsStatic ? BindingFlags.Static : BindingFlags.Instance);
        return method.MethodKind == MethodKind.Constructor
            ? owner.GetConstructor(flags, binder: null, parameters!, modifiers: null)
            : owner.GetMethod(method.Name, flags, binder: null, parameters!, modifiers: null);
    }

    /// <summary>The runtime getter of a static DSL property, e.g. <c>Signal.ErrorRate</c>.</summary>
    public static MethodInfo? GetterOf(IPropertySymbol property) =>
        TypeOf(property.ContainingType)?.GetProperty(property.Name, BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance)?.GetGetMethod();

    /// <summary>The runtime value of a static readonly field such as <c>TimeSpan.Zero</c>.</summary>
    public static FieldInfo? FieldOf(IFieldSymbol field) =>
        TypeOf(field.ContainingType)?.GetField(field.Name, BindingFlags.Public | BindingFlags.Static);

    private static string MetadataName(INamedTypeSymbol type)
    {
        var name = type.MetadataName;
        for (var containing = type.ContainingType; containing is not null; containing = containing.ContainingType)
        {
            name = containing.MetadataName + "+" + name;
        }
        for (var space = type.ContainingNamespace; space is { IsGlobalNamespace: false }; space = space.ContainingNamespace)
        {
            name = space.Name + "." + name;
        }
        return name;
    }

    /// <summary>A cached lookup result, null included (a weak table cannot hold null itself).</summary>
    private sealed class Resolved<T>
        where T : class
    {
        public Resolved(T? value) => Value = value;

        public T? Value { get; }
    }
}
