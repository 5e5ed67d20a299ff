extern alias Generators;

using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Rollout.Generators.Tests.Infrastructure;
using FluentSurface = Generators::Rollout.Reading.FluentSurface;
using RuntimeBinding = Generators::Rollout.Reading.RuntimeBinding;

namespace Rollout.Generators.Tests.Reading;

/// <summary>
/// The reader's contract with the DSL: every public member of namespace Rollout.Dsl is either part of the fluent
/// surface a spec is written in, and then the static reader binds it to the DSL's own code (so a spec that uses it
/// is read, not refused with ROLL100), or it is listed here with the reason the reader does not replay it.
/// A new DSL member with a parameter type the reader cannot build (a decimal, a Func&lt;,,&gt;) fails here first.
/// </summary>
public class DslSurfaceTests
{
    /// <summary>Whole types a spec does not write a plan with, by why.</summary>
    private static readonly Dictionary<string, string> TypesNotReplayed = new()
    {
        ["AuthorityRules"] = Built, ["TriggerRight"] = Built, ["Announcement"] = Built, ["Measurement"] = Built,
        ["StopLossEvaluation"] = Built, ["Condition"] = Built, ["PointOfNoReturn"] = Built, ["RollbackStep"] = Built,
        ["SpecSource"] = Built, ["Stage"] = Built, ["Soak"] = Built, ["StopLoss"] = Built,
        ["RolloutSpecAttribute"] = "marks the spec method; the reader finds specs by it and never calls it",
        ["RolloutPlanArtifactAttribute"] = Artifacts, ["RolloutGeneratorRunAttribute"] = Artifacts, ["RolloutPlanArtifacts"] = Artifacts,
        ["RolloutPlanExtensions"] = "checks and renders a finished plan (Validate, ToRunbook, ToJson); a spec returns the plan, the build checks it",
        ["PlanId"] = Helper, ["PlanPath"] = Helper, ["SurfaceFacts"] = Helper,
        ["ConditionText"] = "words a finished plan's conditions for runbooks and reports (hosts share it); a spec does not write a plan with it",
    };

    /// <summary>Single members of the types a spec is written with that the reader does not replay, by why.</summary>
    private static readonly Dictionary<string, string> MembersNotReplayed = new()
    {
        ["RolloutPlan.MeasurementOf"] = "asks a finished plan how a metric is measured; not a step that writes one",
        ["RolloutPlan.GateWindowOf"] = "asks a finished plan for a stage's gate window; not a step that writes one",
    };

    private const string Built = "a value of a built plan: a spec writes it through the builders; 'new' and 'with' are refused (ROLL100) because the build replays fluent calls only";
    private const string Artifacts = "what the generator embeds and the build step reads back; not part of a plan";
    private const string Helper = "a helper for hosts and tools, not a step of a plan";
    private const string ValueMember = "compares, copies or prints a value; a spec never calls it on what it builds";
    private const string ReadBack = "reads a value back from what a spec builds; the fluent calls only write";

    private static readonly string[] ValueMembers = { "Equals", "GetHashCode", "ToString", "Deconstruct", "op_Equality", "op_Inequality", "<Clone>$", "PrintMembers", "get_EqualityContract" };

    [Fact]
    public void Every_public_DSL_member_is_bound_by_the_reader_or_excluded_with_a_reason()
    {
        var problems = new List<string>();
        var replayed = 0;
        foreach (var type in DslTypes())
        {
            if (TypesNotReplayed.ContainsKey(type.MetadataName)) continue;
            foreach (var member in type.GetMembers().Where(m => m.DeclaredAccessibility == Accessibility.Public))
            {
                var name = type.Name + "." + member.Name;
                var verdict = member switch
                {
                    IMethodSymbol { MethodKind: MethodKind.Ordinary } method when FluentSurface.Allows(method) =>
                        RuntimeBinding.MethodOf(method) is null ? "is on the fluent surface, but the reader cannot bind it (" + method.ToDisplayString() + "): teach RuntimeBinding its parameter types" : null,
                    IMethodSymbol { MethodKind: MethodKind.Conversion } conversion when FluentSurface.AllowsConversion(conversion) =>
                        RuntimeBinding.MethodOf(conversion) is null ? "is a conversion the reader allows but cannot bind" : null,
                    IPropertySymbol property when FluentSurface.Allows(property) =>
                        RuntimeBinding.GetterOf(property) is null ? "is on the fluent surface, but the reader cannot bind its getter" : null,
                    IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet or MethodKind.Constructor } => "",
                    IPropertySymbol { IsStatic: false } => ReadBack,
                    _ when Array.IndexOf(ValueMembers, member.Name) >= 0 => ValueMember,
                    _ => MembersNotReplayed.TryGetValue(name, out var reason) ? reason : "is public DSL, but the reader does not replay it and this test gives no reason",
                };
                if (verdict is null) replayed++;
                else if (verdict.StartsWith("is ", StringComparison.Ordinal)) problems.Add(name + " " + verdict);
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(replayed >= 30, "only " + replayed + " DSL members are replayed; the test no longer sees the fluent surface");
    }

    [Fact]
    public void Every_exclusion_names_a_public_DSL_type_or_member()
    {
        var types = DslTypes().ToList();
        foreach (var type in TypesNotReplayed.Keys) Assert.Contains(types, t => t.MetadataName == type);
        foreach (var member in MembersNotReplayed.Keys)
        {
            Assert.Contains(types, t => t.GetMembers().Any(m => t.Name + "." + m.Name == member));
        }
    }

    [Fact]
    public void Constructors_of_the_model_are_refused_not_bound()
    {
        // The one place where "public" and "replayed" differ on purpose: the records have public constructors and init properties
        // (the plan-file reader uses them), but a spec that calls one is refused, since the builders decide
        // what a plan holds (defaults, order, validation).
        var stage = DslTypes().Single(t => t.Name == "Stage").InstanceConstructors.First(c => c.DeclaredAccessibility == Accessibility.Public);
        Assert.False(FluentSurface.Allows(stage));
    }

    private static IEnumerable<INamedTypeSymbol> DslTypes()
    {
        var compilation = SpecCompilation.Compile(("Empty.cs", "namespace Service { }"));
        var plan = compilation.GetTypeByMetadataName("Rollout.Dsl.RolloutPlan") ?? throw new InvalidOperationException("Rollout.Dsl is not referenced.");
        return plan.ContainingNamespace.GetTypeMembers()
            .Where(t => t.DeclaredAccessibility == Accessibility.Public && t.TypeKind != TypeKind.Enum)
            .OrderBy(t => t.Name, StringComparer.Ordinal);
    }
}
