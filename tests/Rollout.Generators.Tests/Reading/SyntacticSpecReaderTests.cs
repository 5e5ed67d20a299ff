using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Rollout.Dsl;
using Rollout.Generators.Tests.Generation;
using Rollout.Generators.Tests.Infrastructure;
using Rollout.Reading;

namespace Rollout.Generators.Tests.Reading;

/// <summary>
/// The syntactic reader (what the generator reads first, without binding a spec body): it decides what teams write,
/// and whatever it decides equals the bound reader's plan; what it cannot be sure of, it declines.
/// </summary>
public class SyntacticSpecReaderTests
{
    [Fact]
    public void Every_sample_spec_is_decided_from_its_syntax_and_equals_the_bound_reading()
    {
        var files = Samples.SpecFiles();
        var specs = ReadAll(files);

        Assert.Equal(3, specs.Count);
        foreach (var (name, syntactic, bound) in specs)
        {
            Assert.True(syntactic is not null, name + " was declined by the syntactic reader");
            Assert.NotNull(bound);
            Assert.Equal(bound, syntactic);
        }
    }

    [Fact]
    public void Whatever_it_decides_of_the_test_specs_equals_the_bound_reading()
    {
        var specs = ReadAll(("/src/Forms.cs", TestSpecs.ConstantsAndForms)).Concat(ReadAll(("/src/Hostile.cs", TestSpecs.Hostile))).ToList();

        foreach (var (name, syntactic, bound) in specs)
        {
            if (syntactic is not null) Assert.True(Equals(bound, syntactic), name + " reads differently from its syntax");
        }
        // Hostile strings, an explicit Build(), TimeSpan.Zero and a plan the rules refuse are all decided from syntax.
        Assert.Contains(specs, s => s.Name == "Plan" && s.Syntactic is not null);
        Assert.Contains(specs, s => s.Name == "Built" && s.Syntactic is not null);
        Assert.Contains(specs, s => s.Name == "Unready" && s.Syntactic is not null);
    }

    [Theory]
    // A const local shadowing a field, in a block body.
    [InlineData("private const string Team = \"a\";", "{ const string Team = \"b\"; return RolloutPlan.Create(\"p\").Owner(Team).Stage(\"s\", s => { const double P = 5; s.Traffic(P); }); }")]
    // An extension named like a DSL method that C# does not bind (the instance method is applicable).
    [InlineData("", "=> RolloutPlan.Create(\"p\").Stage(\"s\", s => s.Traffic(5).Observe(TimeSpan.FromMinutes(30)));")]
    // using static, an alias, global::, a fully qualified name.
    [InlineData("", "=> RolloutPlan.Create(\"p\").StopLoss(ErrorRate.Above(0.5), StopLossAction.Rollback).StopLoss(Sig.LatencyP99.Above(global::System.TimeSpan.FromSeconds(1)), Rollout.Dsl.StopLossAction.Halt);")]
    // Overloads: TimeSpan.FromX with int, long and double; Metric.Below with double and TimeSpan; params in normal and expanded form.
    [InlineData("", "=> RolloutPlan.Create(\"p\").Stage(\"s\", s => s.Traffic(1L).Observe(TimeSpan.FromMinutes(1.5)).After(TimeSpan.FromHours(2L)).AdvanceWhen(Signal.LatencyP99.Below(TimeSpan.FromMilliseconds(400)), Signal.ErrorRate.Below(1)).OverrideBy().OverrideBy(Role.EngLead, Role.OnCall)).Touches();")]
    // Named arguments out of order, a default left out, nameof, signs, NaN and infinity.
    [InlineData("", "=> RolloutPlan.Create(nameof(Specs)).Rollback(r => r.Config(takes: TimeSpan.FromSeconds(+30), flag: \"F\")).StopLoss(Signal.ErrorRate.Above(double.NaN), StopLossAction.Rollback).StopLoss(Signal.ErrorRate.Above(-double.PositiveInfinity), StopLossAction.Halt).Stage(\"s\", s => s.Traffic(-1));")]
    public void Specs_that_trip_a_naive_syntactic_reader_read_the_same_both_ways(string members, string body)
    {
        var source = "using System;\nusing Rollout.Dsl;\nusing static Rollout.Dsl.Signal;\nusing Sig = Rollout.Dsl.Signal;\n\n"
            + "public static class Ext { public static StageBuilder Traffic(this StageBuilder s, int percent) => s; }\n"
            + "public static class Specs\n{\n    " + members + "\n    [RolloutSpec]\n    public static RolloutPlan Plan() " + body + "\n}\n";

        var (_, syntactic, bound) = ReadAll(("/src/Specs.cs", source)).Single();

        Assert.NotNull(bound);
        Assert.Equal(bound, syntactic);
    }

    [Theory]
    // The extension is what C# binds (the instance method takes one argument): user code, which the bound reader refuses.
    [InlineData("public static class Ext { public static RolloutPlanBuilder Owner(this RolloutPlanBuilder b, string team, int level) => b; }", ".Owner(\"x\", 2)")]
    // A project type named like System.TimeSpan.
    [InlineData("public static class TimeSpan { public static System.TimeSpan FromMinutes(int m) => System.TimeSpan.FromHours(m); }", ".EvaluateStopLosses(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5))")]
    // null where the DSL needs a value; a cast; an array written with new; an interpolated string; a non-const local.
    [InlineData("", ".Owner(null!)")]
    [InlineData("", ".Stage(\"s\", s => s.Traffic((int)2.5))")]
    [InlineData("", ".Touches(new[] { Surface.Config })")]
    [InlineData("", ".Owner($\"team\")")]
    [InlineData("", ".Stage(\"s\", s => { var p = 5; s.Traffic(p); })")]
    public void What_it_cannot_be_sure_of_is_declined_for_the_bound_reader(string types, string call)
    {
        var source = "using System;\nusing Rollout.Dsl;\n\n" + types + "\npublic static class Specs\n{\n    [RolloutSpec]\n    public static RolloutPlan Plan() => RolloutPlan.Create(\"p\")" + call + ";\n}\n";

        var (_, syntactic, _) = ReadAll(("/src/Specs.cs", source)).Single();

        Assert.Null(syntactic);
    }

    private static List<(string Name, RolloutPlan? Syntactic, RolloutPlan? Bound)> ReadAll(params (string Path, string Source)[] files)
    {
        var compilation = SpecCompilation.Compile(files);
        var read = new List<(string, RolloutPlan?, RolloutPlan?)>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                if (!declaration.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString() == "RolloutSpec")) continue;
                var method = (IMethodSymbol)model.GetDeclaredSymbol(declaration)!;
                // The syntactic reading first, on a model that has bound nothing yet, as in the generator.
                var syntactic = SyntacticSpecReader.TryRead(method, declaration, compilation.GetSemanticModel(tree), CancellationToken.None);
                var bound = SpecReader.Read(method, declaration, model, CancellationToken.None).Plan;
                read.Add((declaration.Identifier.ValueText, syntactic, bound));
            }
        }
        return read;
    }
}
