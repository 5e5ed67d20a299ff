using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Rollout.Reading;

namespace Rollout.Generators;

/// <summary>
/// Which methods may be specs, decided from syntax alone, and which of them are, decided when one is read.
/// <para>
/// The generator used to find specs with <c>ForAttributeWithMetadataName</c>, which binds the attribute and asks for the
/// method's symbol on every attributed method on every keystroke: half of the generator's rerun after an unrelated
/// edit (docs/performance.md). Here the per-keystroke part is a name test. It must never miss a spec the compiler sees,
/// so it is a superset: an attribute is a candidate when its last name is <c>RolloutSpec</c> or
/// <c>RolloutSpecAttribute</c> (however qualified, <c>global::</c> or an extern alias included), or when that name, or
/// that name with "Attribute" added (C# looks up both), is the name of any using alias anywhere in the compilation,
/// whatever the alias stands for. <see cref="IsSpec"/> then asks exactly what <c>ForAttributeWithMetadataName</c> asks:
/// an attribute of the method or of its return value, written in that method's file, whose class is
/// <c>Rollout.Dsl.RolloutSpecAttribute</c> by metadata name. A test runs both over the same sources and compares.
/// </para>
/// </summary>
internal static class SpecCandidates
{
    private const string FullName = nameof(Dsl.RolloutSpecAttribute);
    private const string ShortName = "RolloutSpec";

    /// <summary>Whether an attribute on <paramref name="method"/> may be <c>[RolloutSpec]</c>, given every alias name in the compilation.</summary>
    public static bool MayCarrySpecAttribute(MethodDeclarationSyntax method, AliasNames aliases)
    {
        foreach (var list in method.AttributeLists)
        {
            foreach (var attribute in list.Attributes)
            {
                var name = LastName(attribute.Name);
                if (name is ShortName or FullName || aliases.Contains(name) || aliases.Contains(name + "Attribute")) return true;
            }
        }
        return false;
    }

    /// <summary>The same question <c>ForAttributeWithMetadataName</c> asks of a candidate.</summary>
    public static bool IsSpec(IMethodSymbol method, SyntaxTree declaredIn) =>
        HasSpecAttribute(method.GetAttributes(), declaredIn) || HasSpecAttribute(method.GetReturnTypeAttributes(), declaredIn);

    private static bool HasSpecAttribute(ImmutableArray<AttributeData> attributes, SyntaxTree declaredIn)
    {
        foreach (var attribute in attributes)
        {
            if (attribute.ApplicationSyntaxReference?.SyntaxTree == declaredIn && SpecReader.IsSpecAttribute(attribute.AttributeClass)) return true;
        }
        return false;
    }

    private static string LastName(NameSyntax name) => name switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => "",
    };

    /// <summary>Every using alias's name in the compilation (local and global), as a value: equal sets keep the pipeline cached.</summary>
    public sealed class AliasNames : IEquatable<AliasNames>
    {
        private readonly string[] _names;
        private readonly HashSet<string> _set;

        public AliasNames(IEnumerable<string> names)
        {
            _names = names.Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            _set = new HashSet<string>(_names, StringComparer.Ordinal);
        }

        public bool Contains(string name) => _set.Contains(name);

        public bool Equals(AliasNames? other) => other is not null && _names.SequenceEqual(other._names, StringComparer.Ordinal);

        public override bool Equals(object? obj) => Equals(obj as AliasNames);

        public override int GetHashCode()
        {
            var hash = 17;
            foreach (var name in _names) hash = unchecked(hash * 31 + StringComparer.Ordinal.GetHashCode(name));
            return hash;
        }
    }
}
