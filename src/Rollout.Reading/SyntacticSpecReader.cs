using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Rollout.Dsl;

namespace Rollout.Reading;

/// <summary>
/// Reads a <c>[RolloutSpec]</c> body from its syntax, without binding it: the fluent chain, literals,
/// <c>TimeSpan.FromX(constant)</c>, enum members, <c>nameof</c>, const fields and const locals. A simple name is
/// bound on its own, speculatively, at the spec's return type (C#'s own lookup; nothing of the body is bound), an
/// overload is chosen by <see cref="SyntacticOverloads"/>, and every call is replayed on the DSL's builders
/// exactly as the bound reader does it (<see cref="BuilderReplay"/>). Binding a spec body was 87 % of the
/// generator's time (docs/performance.md); this reader is what the generator uses first.
/// <para>
/// It decides or it declines: anything outside that subset, anything it cannot be sure C# binds the same way,
/// and any value the bound reader would report (null where the DSL needs a value, a builder that throws) makes
/// <see cref="TryRead"/> return null, and the caller reads that spec with the bound reader
/// (<see cref="SpecReader"/>). The analyzer runs both and reports ROLL104 when they differ.
/// </para>
/// </summary>
internal sealed class SyntacticSpecReader
{
    private readonly SemanticModel _model;
    private readonly MethodDeclarationSyntax _declaration;
    private readonly IMethodSymbol _method;
    private readonly CancellationToken _cancellationToken;
    /// <summary>Where names are looked up: the spec's return type, in scope of everything its body sees but its own locals.</summary>
    private readonly int _position;
    private readonly Dictionary<string, NameMeaning> _lookups = new(StringComparer.Ordinal);
    private readonly bool _ignoreConstLocals;
    private readonly Dictionary<(ITypeSymbol Owner, string Name, bool IsStatic), List<IMethodSymbol>> _methods = new(MethodKeyComparer.Instance);

    private SyntacticSpecReader(IMethodSymbol method, MethodDeclarationSyntax declaration, SemanticModel model, bool ignoreConstLocals, CancellationToken cancellationToken)
    {
        _ignoreConstLocals = ignoreConstLocals;
        _method = method;
        _declaration = declaration;
        _model = model;
        _cancellationToken = cancellationToken;
        _position = declaration.ReturnType.SpanStart;
    }

    /// <summary>
    /// The plan the spec builds, or null when this reader cannot decide it (the bound reader then reads the spec).
    /// Never throws but for cancellation. <paramref name="ignoreConstLocals"/> is a fault injected by the tests of the
    /// analyzer's cross-check only (ROLL104): the reader then forgets the spec's const locals, so a local that shadows a
    /// field reads as the field.
    /// </summary>
    public static RolloutPlan? TryRead(IMethodSymbol method, MethodDeclarationSyntax declaration, SemanticModel model, CancellationToken cancellationToken, bool ignoreConstLocals = false)
    {
        if (SpecSyntax.HasSyntaxErrors(declaration) || SpecReader.ShapeProblem(method) is not null
            || method.PartialDefinitionPart is not null || method.PartialImplementationPart is not null)
        {
            return null;
        }
        try
        {
            var reader = new SyntacticSpecReader(method, declaration, model, ignoreConstLocals, cancellationToken);
            return reader.ReadBody();
        }
        catch (Exception exception)
        {
            // Declined (Undecided) or a failure of this reader: either way the bound reader decides.
            HostFailure.RethrowIfCancellation(exception);
            return null;
        }
    }

    private RolloutPlan? ReadBody()
    {
        Typed? value;
        if (_declaration.ExpressionBody is { } arrow) value = Evaluate(arrow.Expression, null);
        else if (_declaration.Body is { } block) value = ExecuteBlock(block, null);
        else throw new Undecided();
        if (value is null) throw new Undecided();
        var plan = SyntacticOverloads.ConvertForReturn(value, _method.ReturnType);
        return plan as RolloutPlan ?? throw new Undecided();
    }

    /// <summary>A block's statements: const locals, expression statements, and the return that ends it (null: no return).</summary>
    private Typed? ExecuteBlock(BlockSyntax block, SyntacticScope? scope)
    {
        foreach (var statement in block.Statements)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            switch (statement)
            {
                case ReturnStatementSyntax { Expression: null }:
                    return null;
                case ReturnStatementSyntax { Expression: { } returned }:
                    return Evaluate(returned, scope);
                case ExpressionStatementSyntax expression:
                    Evaluate(expression.Expression, scope);
                    break;
                case LocalDeclarationStatementSyntax local when local.IsConst:
                    scope = DeclareConsts(local.Declaration, scope);
                    break;
                default:
                    throw new Undecided();
            }
        }
        return null;
    }

    private SyntacticScope? DeclareConsts(VariableDeclarationSyntax declaration, SyntacticScope? scope)
    {
        if (declaration.Type is not PredefinedTypeSyntax predefined || SyntacticOverloads.SpecialTypeOf(predefined.Keyword) is not { } special) throw new Undecided();
        var type = _model.Compilation.GetSpecialType(special);
        foreach (var variable in declaration.Variables)
        {
            if (variable.Initializer is null || variable.ArgumentList is not null) throw new Undecided();
            var value = Evaluate(variable.Initializer.Value, scope);
            if (!value.IsConstant || SyntacticOverloads.Converts(value, type) != Fit.Yes) throw new Undecided();
            if (_ignoreConstLocals) continue;
            scope = new SyntacticScope(variable.Identifier.ValueText, new Typed(SyntacticOverloads.ConvertValue(value, type), type, isConstant: true), scope);
        }
        return scope;
    }

    private Typed Evaluate(ExpressionSyntax expression, SyntacticScope? scope)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Evaluate(parenthesized.Expression, scope);
            case PostfixUnaryExpressionSyntax suppressed when suppressed.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                return Evaluate(suppressed.Operand, scope);
            case LiteralExpressionSyntax literal:
                return Literal(literal);
            case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.UnaryMinusExpression) || unary.IsKind(SyntaxKind.UnaryPlusExpression):
                return SyntacticOverloads.Sign(Evaluate(unary.Operand, scope), negate: unary.IsKind(SyntaxKind.UnaryMinusExpression)) ?? throw new Undecided();
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                return Concatenation(Evaluate(binary.Left, scope), Evaluate(binary.Right, scope));
            case IdentifierNameSyntax name:
                return scope?.Find(name.Identifier.ValueText) ?? ValueOf(Lookup(name.Identifier.ValueText));
            case MemberAccessExpressionSyntax access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression) && access.Name is IdentifierNameSyntax member:
                if (NamespaceOrType(access.Expression, scope) is INamedTypeSymbol owner) return ValueOf(Member(owner, member.Identifier.ValueText));
                throw new Undecided();
            case InvocationExpressionSyntax invocation:
                return Invoke(invocation, scope);
            default:
                throw new Undecided();
        }
    }

    private Typed Literal(LiteralExpressionSyntax literal)
    {
        switch (literal.Kind())
        {
            case SyntaxKind.NullLiteralExpression:
                return Typed.Null;
            case SyntaxKind.TrueLiteralExpression:
            case SyntaxKind.FalseLiteralExpression:
                return Constant(literal.IsKind(SyntaxKind.TrueLiteralExpression), SpecialType.System_Boolean);
            case SyntaxKind.StringLiteralExpression when literal.Token.Value is string text:
                return Constant(text, SpecialType.System_String);
            case SyntaxKind.NumericLiteralExpression:
                return literal.Token.Value switch
                {
                    int number => Constant(number, SpecialType.System_Int32),
                    long number => Constant(number, SpecialType.System_Int64),
                    double number => Constant(number, SpecialType.System_Double),
                    float number => Constant(number, SpecialType.System_Single),
                    _ => throw new Undecided(),
                };
            default:
                throw new Undecided();
        }
    }

    private Typed Constant(object value, SpecialType type) => new(value, _model.Compilation.GetSpecialType(type), isConstant: true);

    /// <summary>"a" + "b" of two string constants (a query split over lines); anything else is declined.</summary>
    private Typed Concatenation(Typed left, Typed right)
    {
        if (left is { IsConstant: true, Value: string first, Type.SpecialType: SpecialType.System_String }
            && right is { IsConstant: true, Value: string second, Type.SpecialType: SpecialType.System_String })
        {
            return new Typed(first + second, left.Type, isConstant: true);
        }
        throw new Undecided();
    }

    private Typed Invoke(InvocationExpressionSyntax invocation, SyntacticScope? scope)
    {
        if (invocation.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" } && scope?.Find("nameof") is null && Lookup("nameof").IsEmpty)
        {
            return NameOf(invocation.ArgumentList, scope);
        }
        if (invocation.Expression is not MemberAccessExpressionSyntax { Name: IdentifierNameSyntax name } access || !access.IsKind(SyntaxKind.SimpleMemberAccessExpression))
        {
            throw new Undecided();
        }

        Typed? receiver = null;
        ITypeSymbol owner;
        if (NamespaceOrType(access.Expression, scope) is INamedTypeSymbol type)
        {
            owner = type;
        }
        else
        {
            receiver = Evaluate(access.Expression, scope);
            // A null receiver throws at run time: the bound reader reports it.
            if (receiver.Value is null || receiver.Type is null) throw new Undecided();
            owner = receiver.Type;
        }

        var candidates = Methods(owner, name.Identifier.ValueText, isStatic: receiver is null);
        var arguments = Arguments(invocation.ArgumentList, scope);
        var choice = SyntacticOverloads.Choose(candidates, arguments) ?? throw new Undecided();
        var method = choice.Method;
        if (!FluentSurface.Allows(method) || RuntimeBinding.MethodOf(method) is not { } runtime) throw new Undecided();

        var values = new object?[method.Parameters.Length];
        foreach (var parameter in method.Parameters)
        {
            var value = ArgumentValue(choice, parameter, invocation);
            if (!BuilderReplay.FitsNullability(value, parameter, out _)) throw new Undecided();
            values[parameter.Ordinal] = value;
        }
        if (!BuilderReplay.TryInvoke(runtime, receiver?.Value, values, out var result, out _)) throw new Undecided();
        return new Typed(result, method.ReturnType, isConstant: false);
    }

    /// <summary>The value passed for <paramref name="parameter"/>: its argument(s) converted, or its default (caller info included).</summary>
    private object? ArgumentValue(OverloadChoice choice, IParameterSymbol parameter, InvocationExpressionSyntax invocation)
    {
        var given = choice.ArgumentsOf(parameter);
        if (choice.Expanded && parameter.IsParams)
        {
            var elementType = ((IArrayTypeSymbol)parameter.Type).ElementType;
            var runtimeElement = RuntimeBinding.TypeOf(elementType) ?? throw new Undecided();
            var array = Array.CreateInstance(runtimeElement, given.Count);
            for (var i = 0; i < given.Count; i++) array.SetValue(SyntacticOverloads.ConvertValue(given[i].Value!, elementType), i);
            return array;
        }
        if (given.Count == 1)
        {
            var argument = given[0];
            return argument.Lambda is { } lambda ? LambdaValue(lambda, parameter.Type, argument.Scope) : SyntacticOverloads.ConvertValue(argument.Value!, parameter.Type);
        }
        return DefaultValue(parameter, invocation);
    }

    private object? DefaultValue(IParameterSymbol parameter, InvocationExpressionSyntax invocation)
    {
        foreach (var attribute in parameter.GetAttributes())
        {
            if (attribute.AttributeClass is not { ContainingNamespace: { Name: "CompilerServices" } } attributeClass || !attributeClass.Name.StartsWith("Caller", StringComparison.Ordinal)) continue;
            return attributeClass.Name switch
            {
                "CallerMemberNameAttribute" => _method.Name,
                "CallerFilePathAttribute" => CallerFilePath(invocation),
                _ => throw new Undecided(),
            };
        }
        if (!parameter.IsOptional) throw new Undecided();
        if (parameter.HasExplicitDefaultValue && parameter.ExplicitDefaultValue is { } value) return BuilderReplay.Constant(value, parameter.Type);
        // null, or default(T) of a struct.
        if (!parameter.Type.IsValueType) return null;
        var type = RuntimeBinding.TypeOf(parameter.Type) ?? throw new Undecided();
        return Nullable.GetUnderlyingType(type) is not null ? null : Activator.CreateInstance(type);
    }

    /// <summary>The path the compiler passes for [CallerFilePath]: the call's mapped path (#line), normalized by the compilation's resolver.</summary>
    private string CallerFilePath(InvocationExpressionSyntax invocation)
    {
        var tree = invocation.SyntaxTree;
        var mapped = tree.GetMappedLineSpan(invocation.Span, _cancellationToken);
        var path = mapped.Path;
        if (_model.Compilation.Options.SourceReferenceResolver is { } resolver && !string.IsNullOrEmpty(path))
        {
            path = resolver.NormalizePath(path, mapped.HasMappedPath ? tree.FilePath : null) ?? path;
        }
        return path;
    }

    /// <summary>A builder lambda (<c>s => s...</c>) as the delegate the DSL method takes; its body runs when the DSL calls it.</summary>
    private Delegate LambdaValue(AnonymousFunctionExpressionSyntax lambda, ITypeSymbol delegateType, SyntacticScope? scope)
    {
        if (delegateType is not INamedTypeSymbol { DelegateInvokeMethod: { Parameters.Length: 1 } invoke } || RuntimeBinding.TypeOf(delegateType) is not { } runtimeType)
        {
            throw new Undecided();
        }
        var parameterName = SyntacticOverloads.SingleParameterOf(lambda) ?? throw new Undecided();
        var parameterType = invoke.Parameters[0].Type;
        var returnsValue = !invoke.ReturnsVoid;
        return BuilderReplay.Lambda(runtimeType, argument =>
        {
            var inner = new SyntacticScope(parameterName, new Typed(argument, parameterType, isConstant: false), scope);
            var result = lambda.Body switch
            {
                BlockSyntax block => ExecuteBlock(block, inner),
                ExpressionSyntax body => Evaluate(body, inner),
                _ => throw new Undecided(),
            };
            if (!returnsValue) return null;
            if (result is null) throw new Undecided();
            return SyntacticOverloads.ConvertValue(result, invoke.ReturnType);
        }) ?? throw new Undecided();
    }

    private List<SyntacticArgument> Arguments(ArgumentListSyntax list, SyntacticScope? scope)
    {
        var arguments = new List<SyntacticArgument>(list.Arguments.Count);
        foreach (var argument in list.Arguments)
        {
            if (!argument.RefKindKeyword.IsKind(SyntaxKind.None)) throw new Undecided();
            var name = argument.NameColon?.Name.Identifier.ValueText;
            if (argument.Expression is AnonymousFunctionExpressionSyntax lambda)
            {
                if (SyntacticOverloads.SingleParameterOf(lambda) is null) throw new Undecided();
                arguments.Add(new SyntacticArgument(name, null, lambda, scope));
            }
            else
            {
                arguments.Add(new SyntacticArgument(name, Evaluate(argument.Expression, scope), null, scope));
            }
        }
        return arguments;
    }

    /// <summary>nameof(x), nameof(A.B): the last name, when the names resolve (a name that does not is the compiler's error).</summary>
    private Typed NameOf(ArgumentListSyntax list, SyntacticScope? scope)
    {
        if (list.Arguments.Count != 1 || list.Arguments[0].NameColon is not null) throw new Undecided();
        switch (list.Arguments[0].Expression)
        {
            case IdentifierNameSyntax name when scope?.Find(name.Identifier.ValueText) is not null || !Lookup(name.Identifier.ValueText).IsEmpty:
                return Constant(name.Identifier.ValueText, SpecialType.System_String);
            case MemberAccessExpressionSyntax { Name: IdentifierNameSyntax last } access
                when access.IsKind(SyntaxKind.SimpleMemberAccessExpression) && NamespaceOrType(access.Expression, scope) is { } container
                     && Accessible(container.GetMembers(last.Identifier.ValueText)).Count > 0:
                return Constant(last.Identifier.ValueText, SpecialType.System_String);
            default:
                throw new Undecided();
        }
    }

    // --- names -------------------------------------------------------------------------------------

    /// <summary>The namespace or type an expression names (<c>Signal</c>, <c>Rollout.Dsl.Signal</c>, <c>global::System.TimeSpan</c>, <c>double</c>), or null when it names a value.</summary>
    private INamespaceOrTypeSymbol? NamespaceOrType(ExpressionSyntax expression, SyntacticScope? scope)
    {
        switch (expression)
        {
            case IdentifierNameSyntax name:
                if (scope?.Find(name.Identifier.ValueText) is not null) return null;
                var found = Lookup(name.Identifier.ValueText);
                return found.Single as INamespaceOrTypeSymbol;
            case PredefinedTypeSyntax predefined:
                return SyntacticOverloads.SpecialTypeOf(predefined.Keyword) is { } special ? _model.Compilation.GetSpecialType(special) : throw new Undecided();
            case AliasQualifiedNameSyntax { Alias.Identifier.ValueText: "global", Name: IdentifierNameSyntax top }:
                return Single(_model.Compilation.GlobalNamespace.GetMembers(top.Identifier.ValueText)) as INamespaceOrTypeSymbol;
            case MemberAccessExpressionSyntax { Name: IdentifierNameSyntax member } access when access.IsKind(SyntaxKind.SimpleMemberAccessExpression):
                switch (NamespaceOrType(access.Expression, scope))
                {
                    case INamespaceSymbol space:
                        return Single(space.GetMembers(member.Identifier.ValueText)) as INamespaceOrTypeSymbol;
                    case INamedTypeSymbol type:
                        var members = Accessible(type.GetMembers(member.Identifier.ValueText));
                        if (members.Count == 1 && members[0] is INamedTypeSymbol nested) return nested;
                        if (members.Count == 0) throw new Undecided();
                        return null;
                    default:
                        return null;
                }
            default:
                return null;
        }
    }

    /// <summary>
    /// What a simple name means at the spec (outside its body): bound on its own, speculatively, as an expression at
    /// the spec's return type (C#'s own name lookup, no body bound), once per name and spec; aliases resolved.
    /// </summary>
    private NameMeaning Lookup(string name)
    {
        if (_lookups.TryGetValue(name, out var found)) return found;
        var info = _model.GetSpeculativeSymbolInfo(_position, SyntaxFactory.IdentifierName(name), SpeculativeBindingOption.BindAsExpression);
        var symbol = info.Symbol;
        // A type or namespace is no value on its own: the binder names it as the one candidate that is "not a value".
        if (symbol is null && info.CandidateReason == CandidateReason.NotAValue && info.CandidateSymbols.Length == 1 && info.CandidateSymbols[0] is INamespaceOrTypeSymbol container)
        {
            symbol = container;
        }
        if (symbol is IAliasSymbol alias) symbol = alias.Target;
        return _lookups[name] = new NameMeaning(symbol, isEmpty: info.Symbol is null && info.CandidateSymbols.IsEmpty);
    }

    /// <summary>The member of a type (or its base types) by name, when exactly one accessible symbol has it.</summary>
    private ISymbol? Member(INamedTypeSymbol type, string name)
    {
        for (INamedTypeSymbol? current = type; current is not null; current = current.BaseType)
        {
            var members = Accessible(current.GetMembers(name));
            if (members.Count > 0) return members.Count == 1 ? members[0] : throw new Undecided();
        }
        throw new Undecided();
    }

    /// <summary>The methods a call can bind to: every accessible member of that name must be a plain method of the right kind.</summary>
    private List<IMethodSymbol> Methods(ITypeSymbol owner, string name, bool isStatic)
    {
        // A spec calls the same few methods again and again (Below, FromMinutes...): resolved once per reader.
        var key = (owner, name, isStatic);
        if (_methods.TryGetValue(key, out var known)) return known;
        return _methods[key] = MethodsUncached(owner, name, isStatic);
    }

    private List<IMethodSymbol> MethodsUncached(ITypeSymbol owner, string name, bool isStatic)
    {
        // Inherited members would take base-type lookup rules; the DSL's receivers derive from object (records, builders) or are TimeSpan.
        if (!isStatic && owner.BaseType?.SpecialType != SpecialType.System_Object) throw new Undecided();
        var methods = new List<IMethodSymbol>();
        foreach (var member in Accessible(owner.GetMembers(name)))
        {
            if (member is not IMethodSymbol { MethodKind: MethodKind.Ordinary, IsGenericMethod: false } method || method.IsStatic != isStatic) throw new Undecided();
            methods.Add(method);
        }
        if (methods.Count == 0) throw new Undecided();
        return methods;
    }

    /// <summary>The value a resolved name stands for: a const, an enum member, a static property of the DSL, a static readonly TimeSpan field.</summary>
    private static Typed ValueOf(NameMeaning found) => ValueOf(found.Single);

    private static Typed ValueOf(ISymbol? symbol)
    {
        switch (symbol)
        {
            case IFieldSymbol { IsConst: true, HasConstantValue: true } constant:
                return new Typed(BuilderReplay.Constant(constant.ConstantValue, constant.Type), constant.Type, isConstant: true);
            case IFieldSymbol { IsStatic: true, IsReadOnly: true } field when RuntimeBinding.IsTimeSpan(field.ContainingType) && RuntimeBinding.FieldOf(field) is { } runtimeField:
                return new Typed(runtimeField.GetValue(null), field.Type, isConstant: false);
            case IPropertySymbol property when FluentSurface.Allows(property) && RuntimeBinding.GetterOf(property) is { } getter:
                return BuilderReplay.TryInvoke(getter, null, Array.Empty<object?>(), out var value, out _)
                    ? new Typed(value, property.Type, isConstant: false)
                    : throw new Undecided();
            default:
                throw new Undecided();
        }
    }

    private List<ISymbol> Accessible(System.Collections.Immutable.ImmutableArray<ISymbol> symbols)
    {
        var accessible = new List<ISymbol>(symbols.Length);
        foreach (var symbol in symbols)
        {
            if (IsPublic(symbol) || _model.IsAccessible(_position, symbol)) accessible.Add(symbol);
        }
        return accessible;
    }

    /// <summary>Public in public types (the DSL's members, TimeSpan's): accessible from anywhere, no binder asked.</summary>
    private static bool IsPublic(ISymbol symbol)
    {
        for (var current = symbol; current is not null and not INamespaceSymbol; current = current.ContainingType)
        {
            if (current.DeclaredAccessibility != Accessibility.Public) return false;
        }
        return true;
    }

    private static ISymbol? Single(IEnumerable<ISymbol> symbols)
    {
        ISymbol? single = null;
        foreach (var symbol in symbols)
        {
            if (single is not null) return null;
            single = symbol;
        }
        return single;
    }

    /// <summary>Method-group keys: the owner by symbol identity, the name by ordinal comparison.</summary>
    private sealed class MethodKeyComparer : IEqualityComparer<(ITypeSymbol Owner, string Name, bool IsStatic)>
    {
        public static readonly MethodKeyComparer Instance = new();

        public bool Equals((ITypeSymbol Owner, string Name, bool IsStatic) x, (ITypeSymbol Owner, string Name, bool IsStatic) y) =>
            SymbolEqualityComparer.Default.Equals(x.Owner, y.Owner) && string.Equals(x.Name, y.Name, StringComparison.Ordinal) && x.IsStatic == y.IsStatic;

        public int GetHashCode((ITypeSymbol Owner, string Name, bool IsStatic) key) =>
            (SymbolEqualityComparer.Default.GetHashCode(key.Owner) * 31 + StringComparer.Ordinal.GetHashCode(key.Name)) * 2 + (key.IsStatic ? 1 : 0);
    }

    /// <summary>What a name binds to on its own: one symbol, or nothing usable; <see cref="IsEmpty"/> when nothing of that name is in scope.</summary>
    private sealed class NameMeaning
    {
        public NameMeaning(ISymbol? single, bool isEmpty)
        {
            Single = single;
            IsEmpty = isEmpty;
        }

        public ISymbol? Single { get; }

        public bool IsEmpty { get; }
    }
}
