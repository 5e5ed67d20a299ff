using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace Rollout.Dsl.Tests.Architecture;

/// <summary>
/// The public model's shape before 0.1.0 (docs/contributing.md, "Public model"): a public record is built with init
/// properties, so a field added later breaks no caller; a positional record's constructor and Deconstruct would freeze
/// its fields. Every public signature hands out collections as interfaces (IReadOnlyList), never a concrete list, so the
/// model may change how it stores them.
/// </summary>
public class PublicModelShapeTests
{
    /// <summary>Public records kept positional on purpose, by why. Empty today: every record may still grow.</summary>
    private static readonly Dictionary<Type, string> PositionalByDesign = new();

    /// <summary>Public members that take or return a concrete collection on purpose, by why.</summary>
    private static readonly Dictionary<string, string> ConcreteCollectionsByDesign = new();

    private static readonly Assembly Dsl = typeof(RolloutPlan).Assembly;

    [Fact]
    public void No_public_record_is_positional_unless_listed_with_a_reason()
    {
        var positional = PublicRecords()
            .Where(type => !PositionalByDesign.ContainsKey(type))
            .SelectMany(type => PositionalMembers(type).Select(member => type.FullName + ": " + member))
            .ToList();

        Assert.True(positional.Count == 0,
            "These public records are positional; a field added later would change their constructor or Deconstruct and break callers. "
            + "Make each field an init property ('required' when mandatory), or list the record in PositionalByDesign with the reason:\n"
            + string.Join("\n", positional));
    }

    [Fact]
    public void No_public_signature_uses_a_concrete_collection()
    {
        var concrete = PublicSignatures()
            .Where(signature => IsConcreteCollection(signature.Type) && !ConcreteCollectionsByDesign.ContainsKey(signature.Member))
            .Select(signature => signature.Member + ": " + signature.Type)
            .Distinct()
            .ToList();

        Assert.True(concrete.Count == 0,
            "These public members use a concrete collection type; use IReadOnlyList<T> (or IEnumerable<T>) so the model can change how it stores the items, "
            + "or list the member in ConcreteCollectionsByDesign with the reason:\n" + string.Join("\n", concrete));
    }

    [Fact]
    public void The_shape_checks_see_a_positional_record_and_a_concrete_list()
    {
        // Proof that both checks find what they forbid, on types of this test assembly.
        Assert.Equal(new[] { "constructor (String Name)", "Deconstruct" }, PositionalMembers(typeof(PositionalProbe)).ToArray());
        Assert.Empty(PositionalMembers(typeof(InitProbe)));
        Assert.True(IsConcreteCollection(typeof(List<string>)));
        Assert.True(IsConcreteCollection(typeof(string[])));
        Assert.False(IsConcreteCollection(typeof(IReadOnlyList<string>)));
        Assert.False(IsConcreteCollection(typeof(string)));
        Assert.Contains(Signatures(typeof(ListProbe)), s => s.Member == "ListProbe.Items" && IsConcreteCollection(s.Type));
    }

    [Fact]
    public void The_model_still_compares_by_value_whatever_list_it_was_given()
    {
        // The generator's cache compares plans; a list handed in from outside is kept as the model's own.
        var fromArray = new Stage { Name = "canary", OverrideBy = new[] { Role.OnCall } };
        var fromList = new Stage { Name = "canary", OverrideBy = new List<Role> { Role.Named("on-call engineer") } };

        Assert.Equal(fromArray, fromList);
        Assert.Equal(fromArray.GetHashCode(), fromList.GetHashCode());
        Assert.NotEqual(fromArray, fromList with { OverrideBy = [Role.ReleaseEngineer] });
    }

    private static IEnumerable<Type> PublicRecords() =>
        Dsl.GetExportedTypes().Where(type => type.GetMethod("<Clone>$") is not null);

    private static IEnumerable<string> PositionalMembers(Type type)
    {
        foreach (var constructor in type.GetConstructors(BindingFlags.Public | BindingFlags.Instance))
        {
            var parameters = constructor.GetParameters();
            // A record's copy constructor takes the record itself; it is how 'with' works, not a shape.
            if (parameters.Length == 0 || (parameters.Length == 1 && parameters[0].ParameterType == type)) continue;
            yield return "constructor (" + string.Join(", ", parameters.Select(p => p.ParameterType.Name + " " + p.Name)) + ")";
        }
        if (type.GetMethods(BindingFlags.Public | BindingFlags.Instance).Any(method => method.Name == "Deconstruct")) yield return "Deconstruct";
    }

    private static IEnumerable<(string Member, Type Type)> PublicSignatures() => Dsl.GetExportedTypes().SelectMany(Signatures);

    private static IEnumerable<(string Member, Type Type)> Signatures(Type type)
    {
        const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var property in type.GetProperties(Declared)) yield return (type.Name + "." + property.Name, property.PropertyType);
        foreach (var field in type.GetFields(Declared)) yield return (type.Name + "." + field.Name, field.FieldType);
        foreach (var method in type.GetMethods(Declared).Where(m => !m.IsSpecialName))
        {
            yield return (type.Name + "." + method.Name, method.ReturnType);
            foreach (var parameter in method.GetParameters())
            {
                // 'params T[]' is how C# spells a variable argument list; the array is the caller's, never the model's.
                if (parameter.IsDefined(typeof(ParamArrayAttribute))) continue;
                yield return (type.Name + "." + method.Name, parameter.ParameterType);
            }
        }
        foreach (var constructor in type.GetConstructors(BindingFlags.Public | BindingFlags.Instance))
        {
            foreach (var parameter in constructor.GetParameters().Where(p => !p.IsDefined(typeof(ParamArrayAttribute)))) yield return (type.Name + "..ctor", parameter.ParameterType);
        }
    }

    private static bool IsConcreteCollection(Type type)
    {
        var underlying = type.IsByRef ? type.GetElementType()! : type;
        if (underlying == typeof(string) || underlying.IsInterface) return false;
        return underlying.IsArray || typeof(IEnumerable).IsAssignableFrom(underlying);
    }

    public sealed record PositionalProbe(string Name);

    public sealed record InitProbe
    {
        public required string Name { get; init; }
    }

    public sealed class ListProbe
    {
        public List<string> Items { get; } = new();
    }
}
