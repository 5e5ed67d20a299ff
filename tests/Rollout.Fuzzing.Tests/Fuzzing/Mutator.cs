using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Rollout.Fuzzing.Fuzzing;

/// <summary>The ways a spec is mutated: at least every kind of input issue 8's first fuzzing run found bugs with.</summary>
public enum MutationKind
{
    /// <summary>Delete, duplicate, swap or replace one token.</summary>
    TokenEdit,
    /// <summary>Cut the file inside the spec, as if mid-typing.</summary>
    Truncation,
    /// <summary>Strings with quotes, line breaks, markup, paths, lone surrogates; numbers at the edges (NaN, infinities, extremes).</summary>
    HostileLiteral,
    /// <summary>null or default as an argument or as the receiver of a DSL call.</summary>
    NullInjection,
    /// <summary>Casts through object, checked/unchecked narrowing, unboxing of the wrong type.</summary>
    CastAbuse,
    /// <summary>Enum values the DSL does not name: (Trigger)(-1), ~Trigger.AnyReason, flags, default.</summary>
    EnumAbuse,
    /// <summary>The spec calls itself.</summary>
    Recursion,
    /// <summary>Hundreds of chained calls or deeply nested parentheses.</summary>
    LongChain,
    /// <summary>The spec method copied (copy-paste before renaming) or overloaded.</summary>
    DuplicateSpec,
    /// <summary>Record constructors and with-expressions of the model instead of the fluent calls.</summary>
    RecordConstruction,
    /// <summary>A RolloutPlan.Create(...) inside a builder lambda.</summary>
    NestedCreate,
    /// <summary>The spec as a partial method, the attribute on either half.</summary>
    PartialSplit,
    /// <summary>One call of the chain left out (an unfinished plan: the findings the code fixes repair).</summary>
    CallRemoval,
}

/// <summary>One mutated spec file.</summary>
public sealed record Mutant(int Index, MutationKind Kind, string Base, string Source, string Description);

/// <summary>Deterministic for a seed: the same seed and index give the same mutant.</summary>
public sealed class Mutator
{
    public static readonly MutationKind[] Kinds = Enum.GetValues<MutationKind>();

    private static readonly string[] HostileStrings =
    {
        "", " ", "a\"b", "line1\nline2", "cr\r\nlf", "|pipe|cell|", "<script>alert(1)</script>", "../../etc/passwd", "C:\\Windows\\x",
        "`code` *bold* # heading", "\u0000nul", "\ud800lone", "ıİ Iı", "null", "{0} {{x}}", "-->", "\t\v\f", new string('x', 5000), "😀 emoji", "#",
    };

    private static readonly string[] HostileNumbers =
    {
        "double.NaN", "double.PositiveInfinity", "double.NegativeInfinity", "-0.0", "1e308", "-1", "0", "int.MaxValue", "int.MinValue",
        "long.MaxValue", "double.Epsilon", "1e-320", "double.MaxValue", "0.1 + 0.2", "100.0000000001", "-2147483648",
    };

    private static readonly string[] StrayTokens = { ".", ",", "(", ")", "=>", "null", "default", "!", "~", "-", "new", ";", "{", "}", "0", "\"\"", "s", "RolloutPlan", "?", "[", "]", "=" };

    private static readonly string[] CastTemplates =
    {
        "(int)(object){0}", "(double)(object){0}", "(double)(object)\"12\"", "checked((int)(double)(object)1e10)", "unchecked((int)(double)(object)1e10)",
        "(int)(long)(object)5L", "(double)(float)(object)1f", "(long)(object){0}", "checked((int)(long)(object)long.MaxValue)", "unchecked((int)(long)(object)long.MaxValue)",
        "(double)(int)(object)7", "(double?)(object){0}", "(double)(object)null!", "(float)(object){0}", "(int)(object)(int){0}",
    };

    private static readonly string[] EnumTemplates =
    {
        "({0})(-1)", "~{0}.{1}", "({0})99", "({0})int.MaxValue", "{0}.{1} | ({0})4", "default({0})", "({0})(object)\"x\"", "({0})(object)1", "({0})(int)(object)1",
        "({0})(double)(object)1.0", "unchecked(({0})(int)(long)(object)long.MaxValue)", "({0})(object){0}.{1}",
    };

    private readonly int _seed;
    private readonly (string Name, string Source)[] _bases;

    public Mutator(int seed, (string Name, string Source)[] bases)
    {
        _seed = seed;
        _bases = bases;
    }

    public Mutant Create(int index)
    {
        var random = new Random(unchecked(_seed * 7919 + index * 104729));
        var kind = Kinds[index % Kinds.Length];
        var (name, source) = _bases[random.Next(_bases.Length)];
        var (mutated, description) = Apply(kind, source, random);
        // One in four gets a second, random mutation on top.
        if (random.Next(4) == 0)
        {
            var (twice, more) = Apply(Kinds[random.Next(Kinds.Length)], mutated, random);
            mutated = twice;
            description += "; then " + more;
        }
        return new Mutant(index, kind, name, mutated, description);
    }

    private static (string, string) Apply(MutationKind kind, string source, Random random)
    {
        var tree = CSharpSyntaxTree.ParseText(source);
        var root = tree.GetRoot();
        var spec = root.DescendantNodes().OfType<MethodDeclarationSyntax>().FirstOrDefault(m => m.AttributeLists.Count > 0) as SyntaxNode ?? root;
        return kind switch
        {
            MutationKind.TokenEdit => TokenEdit(source, spec, random),
            MutationKind.Truncation => Truncate(source, spec, random),
            MutationKind.HostileLiteral => HostileLiteral(source, spec, random),
            MutationKind.NullInjection => NullInjection(source, spec, random),
            MutationKind.CastAbuse => CastAbuse(source, spec, random),
            MutationKind.EnumAbuse => EnumAbuse(source, spec, random),
            MutationKind.Recursion => Recursion(source, spec, random),
            MutationKind.LongChain => LongChain(source, spec, random),
            MutationKind.DuplicateSpec => DuplicateSpec(source, spec, random),
            MutationKind.RecordConstruction => RecordConstruction(source, spec, random),
            MutationKind.NestedCreate => NestedCreate(source, spec, random),
            MutationKind.PartialSplit => PartialSplit(source, spec, random),
            _ => CallRemoval(source, spec, random),
        };
    }

    private static (string, string) TokenEdit(string source, SyntaxNode spec, Random random)
    {
        var tokens = spec.DescendantTokens().Where(t => t.Span.Length > 0).ToList();
        if (tokens.Count == 0) return (source, "no token");
        var token = tokens[random.Next(tokens.Count)];
        switch (random.Next(4))
        {
            case 0: return (Replace(source, token.Span, ""), "deleted '" + token.Text + "'");
            case 1: return (Replace(source, token.Span, token.Text + token.Text), "doubled '" + token.Text + "'");
            case 2:
                var other = tokens[random.Next(tokens.Count)];
                return (Replace(source, token.Span, other.Text), "'" + token.Text + "' -> '" + other.Text + "'");
            default:
                var stray = StrayTokens[random.Next(StrayTokens.Length)];
                return (Replace(source, token.Span, stray), "'" + token.Text + "' -> '" + stray + "'");
        }
    }

    private static (string, string) Truncate(string source, SyntaxNode spec, Random random)
    {
        var at = spec.SpanStart + random.Next(Math.Max(1, spec.Span.Length));
        return (source.Substring(0, at), "cut at " + at);
    }

    private static (string, string) HostileLiteral(string source, SyntaxNode spec, Random random)
    {
        var literals = spec.DescendantNodes().OfType<LiteralExpressionSyntax>().ToList();
        var strings = literals.Where(l => l.IsKind(SyntaxKind.StringLiteralExpression)).ToList();
        var numbers = literals.Where(l => l.IsKind(SyntaxKind.NumericLiteralExpression)).ToList();
        if (strings.Count > 0 && (numbers.Count == 0 || random.Next(2) == 0))
        {
            var literal = strings[random.Next(strings.Count)];
            var hostile = HostileStrings[random.Next(HostileStrings.Length)];
            return (Replace(source, literal.Span, SymbolDisplay.FormatLiteral(hostile, quote: true)), "string " + literal + " -> hostile #" + Array.IndexOf(HostileStrings, hostile));
        }
        if (numbers.Count == 0) return (source, "no literal");
        var number = numbers[random.Next(numbers.Count)];
        var value = HostileNumbers[random.Next(HostileNumbers.Length)];
        return (Replace(source, number.Span, value), "number " + number + " -> " + value);
    }

    private static (string, string) NullInjection(string source, SyntaxNode spec, Random random)
    {
        if (random.Next(2) == 0)
        {
            var arguments = spec.DescendantNodes().OfType<ArgumentSyntax>().ToList();
            if (arguments.Count > 0)
            {
                var argument = arguments[random.Next(arguments.Count)];
                var value = new[] { "null!", "default!", "null", "default", "(string)null!", "(Condition)null!", "(Role)null!", "new Condition[] { null! }", "(Condition[])null!" }[random.Next(9)];
                return (Replace(source, argument.Expression.Span, value), "argument " + Short(argument) + " -> " + value);
            }
        }
        var accesses = spec.DescendantNodes().OfType<MemberAccessExpressionSyntax>().Where(m => m.Parent is InvocationExpressionSyntax).ToList();
        if (accesses.Count == 0) return (source, "no receiver");
        var access = accesses[random.Next(accesses.Count)];
        var receiver = new[] { "((RolloutPlanBuilder)null!)", "((Metric)null!)", "((StageBuilder)null!)", "((AuthorityBuilder)null!)", "((RollbackBuilder)null!)", "((Metric)default!)" }[random.Next(6)];
        return (Replace(source, access.Expression.Span, receiver), "receiver " + Short(access.Expression) + " -> " + receiver);
    }

    private static (string, string) CastAbuse(string source, SyntaxNode spec, Random random)
    {
        var numbers = spec.DescendantNodes().OfType<LiteralExpressionSyntax>().Where(l => l.IsKind(SyntaxKind.NumericLiteralExpression)).ToList();
        if (numbers.Count == 0 || random.Next(4) == 0) return EnumAbuse(source, spec, random);
        var number = numbers[random.Next(numbers.Count)];
        var cast = string.Format(System.Globalization.CultureInfo.InvariantCulture, CastTemplates[random.Next(CastTemplates.Length)], number.Token.Text);
        return (Replace(source, number.Span, cast), "number " + number + " -> " + cast);
    }

    private static (string, string) EnumAbuse(string source, SyntaxNode spec, Random random)
    {
        var members = spec.DescendantNodes().OfType<MemberAccessExpressionSyntax>()
            .Where(m => m.Expression is IdentifierNameSyntax { Identifier.Text: "Surface" or "Trigger" or "StopLossAction" } && m.Parent is not MemberAccessExpressionSyntax)
            .ToList();
        if (members.Count == 0) return (source, "no enum member");
        var member = members[random.Next(members.Count)];
        var type = ((IdentifierNameSyntax)member.Expression).Identifier.Text;
        var value = string.Format(System.Globalization.CultureInfo.InvariantCulture, EnumTemplates[random.Next(EnumTemplates.Length)], type, member.Name.Identifier.Text);
        return (Replace(source, member.Span, value), member + " -> " + value);
    }

    private static (string, string) Recursion(string source, SyntaxNode spec, Random random)
    {
        var method = spec as MethodDeclarationSyntax;
        var create = spec.DescendantNodes().OfType<InvocationExpressionSyntax>().FirstOrDefault(i => i.Expression.ToString() == "RolloutPlan.Create");
        if (method is null || create is null) return (source, "no spec");
        var call = method.Identifier.Text + "()";
        var insert = new[] { ".Title(" + call + ".Id)", ".Owner(" + call + ".Owner!)", ".Touches(" + call + ".Touches[0])", ".Title(((RolloutPlan)" + call + ").Title ?? \"t\")" }[random.Next(4)];
        return (Insert(source, create.Span.End, insert), "inserted " + insert);
    }

    private static (string, string) LongChain(string source, SyntaxNode spec, Random random)
    {
        if (random.Next(3) == 0)
        {
            var arguments = spec.DescendantNodes().OfType<ArgumentSyntax>().ToList();
            if (arguments.Count == 0) return (source, "no argument");
            var argument = arguments[random.Next(arguments.Count)];
            var depth = random.Next(50, 400);
            return (Replace(source, argument.Expression.Span, new string('(', depth) + argument.Expression + new string(')', depth)), depth + " parentheses around " + Short(argument));
        }
        var stage = spec.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .FirstOrDefault(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.Text: "Stage" or "MayTrigger" or "AdvanceWhen" or "Inform" });
        if (stage is null) return (source, "no repeatable call");
        var access = (MemberAccessExpressionSyntax)stage.Expression;
        var call = source.Substring(access.OperatorToken.SpanStart, stage.Span.End - access.OperatorToken.SpanStart);
        var count = random.Next(20, 300);
        return (Insert(source, stage.Span.End, string.Concat(Enumerable.Repeat("\n" + call, count))), count + " more " + access.Name);
    }

    private static (string, string) DuplicateSpec(string source, SyntaxNode spec, Random random)
    {
        if (spec is not MethodDeclarationSyntax method) return (source, "no spec");
        var text = source.Substring(method.FullSpan.Start, method.FullSpan.Length);
        var copy = random.Next(3) switch
        {
            0 => text,
            1 => text.Replace(method.Identifier.Text + "()", method.Identifier.Text + "(int version)", StringComparison.Ordinal),
            _ => text.Replace(method.Identifier.Text + "()", method.Identifier.Text + "2()", StringComparison.Ordinal),
        };
        return (Insert(source, method.FullSpan.End, copy), "copied the spec method");
    }

    private static (string, string) RecordConstruction(string source, SyntaxNode spec, Random random)
    {
        var conditions = spec.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(i => i.Expression is MemberAccessExpressionSyntax { Name.Identifier.Text: "Above" or "Below" or "AtMost" or "AtLeast" }).ToList();
        var create = spec.DescendantNodes().OfType<InvocationExpressionSyntax>().FirstOrDefault(i => i.Expression.ToString() == "RolloutPlan.Create");
        switch (random.Next(4))
        {
            case 0 when conditions.Count > 0:
                var condition = conditions[random.Next(conditions.Count)];
                var replacement = new[] { "new Condition { Metric = Signal.ErrorRate, Comparison = Comparison.Above, Threshold = 0.5 }", "new Condition { Metric = null!, Comparison = default, Threshold = double.NaN }", "new Condition { Metric = Signal.ErrorRate, Comparison = (Comparison)9, Threshold = 1 }", "new Condition { Metric = new Metric { Name = \"m\", Unit = (MetricUnit)7 }, Comparison = Comparison.Below, Threshold = 1 }" }[random.Next(4)];
                return (Replace(source, condition.Span, replacement), Short(condition) + " -> " + replacement);
            case 1 when create is not null:
                return (Replace(source, create.Span, "new RolloutPlan(null!)"), "Create -> new RolloutPlan(null!)");
            case 2 when spec is MethodDeclarationSyntax { ExpressionBody: { } body }:
                return (Replace(source, body.Expression.Span, "((RolloutPlan)" + body.Expression + ") with { Owner = \"x\" }"), "with-expression around the plan");
            default:
                var role = spec.DescendantNodes().OfType<MemberAccessExpressionSyntax>().FirstOrDefault(m => m.Expression.ToString() == "Role");
                return role is null ? (source, "no role") : (Replace(source, role.Span, "new Role { Name = \"x\" }"), role + " -> new Role { Name = \"x\" }");
        }
    }

    private static (string, string) NestedCreate(string source, SyntaxNode spec, Random random)
    {
        var lambdas = spec.DescendantNodes().OfType<SimpleLambdaExpressionSyntax>().Where(l => l.ExpressionBody is not null).ToList();
        if (lambdas.Count == 0) return (source, "no lambda");
        var lambda = lambdas[random.Next(lambdas.Count)];
        var inner = new[] { "RolloutPlan.Create(\"inner\").Owner(\"x\")", "RolloutPlan.Create(\"inner\").Stage(\"i\", t => t.Traffic(5)).StopLoss(Signal.ErrorRate.Above(1), StopLossAction.Halt)", "RolloutPlan.Create(\"new-checkout-flow\")" }[random.Next(3)];
        var body = lambda.Parameter.Identifier.Text + " => { " + inner + "; " + lambda.ExpressionBody + "; }";
        return (Replace(source, lambda.Span, body), "nested " + inner);
    }

    private static (string, string) PartialSplit(string source, SyntaxNode spec, Random random)
    {
        if (spec is not MethodDeclarationSyntax method || method.Parent is not ClassDeclarationSyntax type) return (source, "no spec");
        var attributes = string.Concat(method.AttributeLists.Select(a => a.ToString() + "\n    "));
        var withoutAttributes = source.Substring(method.Span.Start, method.Span.Length);
        foreach (var list in method.AttributeLists) withoutAttributes = withoutAttributes.Replace(list.ToString(), "", StringComparison.Ordinal);
        var signature = "public static partial RolloutPlan " + method.Identifier.Text + "()";
        var implementation = withoutAttributes.TrimStart().Replace("public static RolloutPlan " + method.Identifier.Text + "()", signature, StringComparison.Ordinal);
        var onDeclaration = random.Next(2) == 0;
        var text = onDeclaration
            ? attributes + signature + ";\n\n    " + implementation
            : signature + ";\n\n    " + attributes + implementation;
        var result = Replace(source, method.Span, text);
        var keyword = type.Keyword;
        result = result.Substring(0, keyword.SpanStart) + (type.Modifiers.Any(SyntaxKind.PartialKeyword) ? "" : "partial ") + result.Substring(keyword.SpanStart);
        return (result, "partial, attribute on the " + (onDeclaration ? "declaring" : "implementing") + " half");
    }

    private static (string, string) CallRemoval(string source, SyntaxNode spec, Random random)
    {
        // A call chained on another call: removing it leaves code that still compiles, with a plan part missing.
        var calls = spec.DescendantNodes().OfType<InvocationExpressionSyntax>()
            .Where(i => i.Expression is MemberAccessExpressionSyntax { Expression: InvocationExpressionSyntax })
            .ToList();
        if (calls.Count == 0) return (source, "nothing removed");
        var call = calls[random.Next(calls.Count)];
        var access = (MemberAccessExpressionSyntax)call.Expression;
        return (Replace(source, TextSpan.FromBounds(access.OperatorToken.SpanStart, call.Span.End), ""), "removed ." + access.Name.Identifier.Text + "(...)");
    }

    private static string Replace(string source, TextSpan span, string text) => source.Substring(0, span.Start) + text + source.Substring(span.End);

    private static string Insert(string source, int at, string text) => source.Substring(0, at) + text + source.Substring(at);

    private static string Short(SyntaxNode node)
    {
        var text = node.ToString().Replace("\n", " ", StringComparison.Ordinal);
        return text.Length <= 40 ? text : text.Substring(0, 37) + "...";
    }
}
