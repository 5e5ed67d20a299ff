using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Rollout.Reading;

/// <summary>A value the syntactic reader computed, with the static type C# gives its expression (null for the null literal).</summary>
internal sealed class Typed
{
    public static readonly Typed Null = new(null, null, isConstant: true);

    public Typed(object? value, ITypeSymbol? type, bool isConstant)
    {
        Value = value;
        Type = type;
        IsConstant = isConstant;
    }

    public object? Value { get; }

    public ITypeSymbol? Type { get; }

    /// <summary>A compile-time constant (literal, const, enum member, nameof): what C#'s constant conversions apply to.</summary>
    public bool IsConstant { get; }
}

/// <summary>One argument of a call as written: its name (if named), and its value or its unevaluated builder lambda.</summary>
internal sealed class SyntacticArgument
{
    public SyntacticArgument(string? name, Typed? value, AnonymousFunctionExpressionSyntax? lambda, SyntacticScope? scope)
    {
        Name = name;
        Value = value;
        Lambda = lambda;
        Scope = scope;
    }

    public string? Name { get; }

    public Typed? Value { get; }

    public AnonymousFunctionExpressionSyntax? Lambda { get; }

    /// <summary>The names a lambda's body sees besides its own parameter.</summary>
    public SyntacticScope? Scope { get; }
}

/// <summary>The spec's own names (lambda parameters, const locals), innermost first.</summary>
internal sealed class SyntacticScope
{
    private readonly string _name;
    private readonly Typed _value;
    private readonly SyntacticScope? _parent;

    public SyntacticScope(string name, Typed value, SyntacticScope? parent)
    {
        _name = name;
        _value = value;
        _parent = parent;
    }

    public Typed? Find(string name)
    {
        for (var scope = this; scope is not null; scope = scope._parent)
        {
            if (scope._name == name) return scope._value;
        }
        return null;
    }
}

/// <summary>How an argument fits a parameter: surely, surely not, or not known to this reader (then it declines).</summary>
internal enum Fit
{
    No,
    Maybe,
    Yes,
}

/// <summary>
/// The syntactic reader declines: the bound reader reads this spec. Thrown from anywhere inside it (a new instance
/// each time: specs are read on several threads at once), never out of it.
/// </summary>
internal sealed class Undecided : Exception
{
    public Undecided() : base("the syntactic reader declines this spec") { }
}
