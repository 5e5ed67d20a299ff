using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Rollout.Generators.Tests.Generation;
using Rollout.Generators.Tests.Infrastructure;
using Rollout.Reading;

namespace Rollout.Generators.Tests.Reading;

/// <summary>The static reader: what it evaluates, what it refuses, and where it says things are.</summary>
public class SpecReaderTests
{
    [Fact]
    public void Locations_point_at_the_call_that_wrote_each_part()
    {
        var queries = Samples.SpecFiles().Single(f => f.Path.EndsWith("CheckoutQueries.cs"));
        var (reading, text) = Read(Samples.SpecFiles().Single(f => f.Path.EndsWith("NewCheckoutFlow.cs")).Source, "Plan", queries);

        Assert.NotNull(reading.Plan);
        Assert.StartsWith("RolloutPlan.Create(\"new-checkout-flow\")", Span(text, reading.LocationOf("")));
        Assert.Equal("\"new-checkout-flow\"", Span(text, reading.LocationOf("id")));
        Assert.StartsWith("Stage(\"staged\"", Span(text, reading.LocationOf("stages[1]")));
        Assert.Equal("Observe(TimeSpan.FromHours(4))", Span(text, reading.LocationOf("stages[1].observe")));
        Assert.StartsWith("Stage(\"full\"", Span(text, reading.LocationOf("stages[2].observe")));
        Assert.StartsWith("StopLoss(Signal.Count(\"payment_errors\")", Span(text, reading.LocationOf("stopLoss[1]")));
        Assert.Equal("Announce(\"#incidents\", within: TimeSpan.FromMinutes(5))", Span(text, reading.LocationOf("authority.announce")));
        Assert.StartsWith("Config(flag: \"NEW_CHECKOUT_ENABLED\"", Span(text, reading.LocationOf("rollback[0]")));
        Assert.StartsWith("RolloutPlan.Create(", Span(text, reading.LocationOf("pointOfNoReturn")));
        // Measurements and the single conditions ROLL024 points at.
        Assert.Equal("Measure(Signal.Count(\"payment_errors\"), query: CheckoutQueries.PaymentErrors)", Span(text, reading.LocationOf("measurements[2]")));
        Assert.Equal("Signal.Count(\"payment_errors\").Above(5)", Span(text, reading.LocationOf("stopLoss[1].when")));
        Assert.Equal("Signal.Count(\"payment_errors\").AtMost(0)", Span(text, reading.LocationOf("stages[1].advanceWhen[2]")));
        Assert.Equal("Signal.LatencyP99.Below(TimeSpan.FromMilliseconds(400))", Span(text, reading.LocationOf("stages[0].advanceWhen[1]")));
        Assert.StartsWith("EvaluateStopLosses(every: TimeSpan.FromMinutes(1)", Span(text, reading.LocationOf("stopLossEvaluation")));
        Assert.Contains("[$window]", reading.Plan!.Measurements[2].Query, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_measurement_source_is_read_from_the_named_argument_and_defaults_to_prometheus()
    {
        const string spec = "using Rollout.Dsl;\nnamespace Service;\npublic static class Specs\n{\n    [RolloutSpec]\n    public static RolloutPlan Plan() => RolloutPlan.Create(\"p\")\n"
            + "        .Measure(Signal.ErrorRate, \"q1\", source: \"datadog\")\n        .Measure(Signal.LatencyP99, \"q2\");\n}\n";

        var (reading, text) = Read(spec, "Plan");

        Assert.NotNull(reading.Plan);
        Assert.Equal(new[] { "datadog", "prometheus" }, reading.Plan!.Measurements.Select(m => m.Source));
        Assert.Equal("Measure(Signal.ErrorRate, \"q1\", source: \"datadog\")", Span(text, reading.LocationOf("measurements[0]")));
    }

    [Fact]
    public void Rollback_steps_are_numbered_across_several_Rollback_calls()
    {
        var (reading, text) = Read(TestSpecs.ConstantsAndForms, "ReturnForm");

        Assert.NotNull(reading.Plan);
        Assert.StartsWith("Config(", Span(text, reading.LocationOf("rollback[0]")));
        Assert.StartsWith("Code(", Span(text, reading.LocationOf("rollback[1]")));
        Assert.StartsWith("Schema(\"down-0042\"", Span(text, reading.LocationOf("rollback[2]")));
    }

    [Theory]
    [InlineData("Helpers.Team()", "Helpers.Team()", "runs user code")]
    [InlineData("Helpers.Mutable", "Helpers.Mutable", "make it 'const'")]
    [InlineData("DateTime.Now.ToString()", "DateTime.Now.ToString()", "the value of 'DateTime.ToString' is not known at build time")]
    [InlineData("string.Format(\"{0}\", 1)", "string.Format(\"{0}\", 1)", "the value of 'String.Format' is not known at build time")]
    [InlineData("$\"team-{Helpers.Mutable}\"", "$\"team-{Helpers.Mutable}\"", "not constant")]
    public void Values_that_need_user_code_are_refused_at_their_exact_place(string owner, string reported, string because)
    {
        var source = TestSpecs.Usings + """
            public static class Helpers
            {
                public static string Mutable = "x";
                public static string Team() => "payments";
            }

            public static class Specs
            {
                [RolloutSpec]
                public static RolloutPlan Plan() => RolloutPlan.Create("p").Owner(OWNER);
            }
            """.Replace("OWNER", owner);

        var (reading, text) = Read(source, "Plan");

        Assert.Null(reading.Plan);
        var problem = Assert.Single(reading.Problems);
        Assert.Equal(ReadProblemKind.NotEvaluable, problem.Kind);
        Assert.Equal(reported, Span(text, problem.Location));
        Assert.Contains(because, problem.Message);
    }

    [Fact]
    public void Every_problem_along_a_chain_is_reported_not_only_the_first()
    {
        var source = TestSpecs.Usings + """
            public static class Helpers
            {
                public static string Team() => "payments";
                public static string Name() => "Checkout";
            }

            public static class Specs
            {
                [RolloutSpec]
                public static RolloutPlan Plan() => RolloutPlan.Create("p")
                    .Owner(Helpers.Team())
                    .Title(Helpers.Name())
                    .StopLoss(Signal.ErrorRate.Above(double.Parse("0.5")), StopLossAction.Rollback);
            }
            """;

        var (reading, text) = Read(source, "Plan");

        Assert.Null(reading.Plan);
        Assert.Equal(new[] { "Helpers.Team()", "Helpers.Name()", "double.Parse(\"0.5\")" }, reading.Problems.Select(p => Span(text, p.Location)));
    }

    [Theory]
    [InlineData(".Stage(\"canary\", s => s.Traffic())")]
    [InlineData(".Owner(UnknownConstant)")]
    [InlineData(".Ownr(\"payments\")")]
    [InlineData(".Stage(\"canary\", s => s.Traffic(5, \"st")]
    public void A_spec_that_does_not_compile_gets_no_reader_problems_on_top_of_the_compiler_errors(string call)
    {
        var source = TestSpecs.Usings + """
            public static class Specs
            {
                [RolloutSpec]
                public static RolloutPlan Plan() => RolloutPlan.Create("p")CALL;
            }
            """.Replace("CALL", call);

        var (reading, _) = Read(source, "Plan");

        Assert.Null(reading.Plan);
        Assert.Empty(reading.Problems);
    }

    [Fact]
    public void A_method_group_instead_of_a_lambda_is_refused()
    {
        var source = TestSpecs.Usings + """
            public static class Specs
            {
                private static void Canary(StageBuilder s) => s.Traffic(1);

                [RolloutSpec]
                public static RolloutPlan Plan() => RolloutPlan.Create("p").Stage("canary", Canary);
            }
            """;

        var (reading, text) = Read(source, "Plan");

        Assert.Null(reading.Plan);
        Assert.Equal(new[] { "Canary" }, reading.Problems.Select(p => Span(text, p.Location)));
        Assert.Contains("lambda", reading.Problems[0].Message);
    }

    [Fact]
    public void A_statement_other_than_return_stops_the_reading_at_that_statement()
    {
        var source = TestSpecs.Usings + """
            public static class Specs
            {
                [RolloutSpec]
                public static RolloutPlan Plan()
                {
                    const string Team = "payments";
                    var owner = Team;
                    return RolloutPlan.Create("p").Owner(owner);
                }
            }
            """;

        var (reading, text) = Read(source, "Plan");

        Assert.Null(reading.Plan);
        Assert.Equal(new[] { "var owner = Team;" }, reading.Problems.Select(p => Span(text, p.Location)));
    }

    [Theory]
    [InlineData("public RolloutPlan Plan() => RolloutPlan.Create(\"p\");", "be static")]
    [InlineData("public static RolloutPlan Plan(int x) => RolloutPlan.Create(\"p\");", "take no parameters")]
    [InlineData("public static RolloutPlanBuilder Plan() => RolloutPlan.Create(\"p\");", "return Rollout.Dsl.RolloutPlan")]
    public void Wrong_spec_shapes_are_reported_on_the_method_name(string method, string expected)
    {
        var source = TestSpecs.Usings + "public class Specs\n{\n    [RolloutSpec]\n    " + method + "\n}\n";

        var (reading, text) = Read(source, "Plan");

        var problem = Assert.Single(reading.Problems);
        Assert.Equal(ReadProblemKind.SpecShape, problem.Kind);
        Assert.Equal("Plan", Span(text, problem.Location));
        Assert.Contains(expected, problem.Message);
    }

    [Fact]
    public void Exceptions_of_the_builders_become_problems_not_crashes()
    {
        var source = TestSpecs.Usings + """
            public static class Specs
            {
                [RolloutSpec]
                public static RolloutPlan Plan() => RolloutPlan.Create("p").Stage(null!, s => s.Traffic(1));
            }
            """;

        var (reading, text) = Read(source, "Plan");

        // At the null argument itself: the builder would throw ArgumentNullException at run time.
        var problem = Assert.Single(reading.Problems);
        Assert.True(Span(text, problem.Location) == "null!", Span(text, problem.Location) + ": " + problem.Message);
        Assert.Contains("'name' of Stage", problem.Message);
    }

    [Fact]
    public void A_spec_that_cannot_be_read_generates_nothing_and_does_not_crash_the_generator()
    {
        var source = TestSpecs.Usings + """
            public static class Specs
            {
                private static string Team() => "payments";

                [RolloutSpec]
                public static RolloutPlan Plan() => RolloutPlan.Create("p").Owner(Team());
            }
            """;

        var run = SpecCompilation.Run(("Specs.cs", source));

        Assert.Empty(run.GeneratorDiagnostics);
        // Only the marker: one spec seen, no plan embedded (so the build step changes no artifacts).
        var marker = Assert.Single(run.GeneratedSources);
        Assert.Contains("RolloutGeneratorRunAttribute(1, 0)", marker.SourceText.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_half_typed_spec_embeds_no_plan_and_reports_nothing_beside_the_syntax_error()
    {
        // The analyzers stay quiet on it too (HalfTypedSpecTests); the syntax error fails the build.
        var source = TestSpecs.Usings + """
            public static class Specs
            {
                [RolloutSpec]
                public static RolloutPlan Plan() => RolloutPlan.Create("p").Owner("payments").Stage("canary", s => s.Traffic(5, "st
            }
            """;

        var run = SpecCompilation.Run(("Specs.cs", source));

        Assert.Contains(run.Input.GetDiagnostics(), d => d.Id == "CS1010" && d.Severity == DiagnosticSeverity.Error);
        Assert.Empty(run.GeneratorDiagnostics);
        var marker = Assert.Single(run.GeneratedSources);
        Assert.Contains("RolloutGeneratorRunAttribute(1, 0)", marker.SourceText.ToString(), StringComparison.Ordinal);
    }

    private static (SpecReading Reading, string Text) Read(string source, string methodName, params (string Path, string Source)[] also)
    {
        var compilation = SpecCompilation.Compile(new[] { ("/src/Specs.cs", source) }.Concat(also).ToArray());
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == "/src/Specs.cs");
        var model = compilation.GetSemanticModel(tree);
        var declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == methodName);
        var method = (IMethodSymbol)model.GetDeclaredSymbol(declaration)!;
        return (SpecReader.Read(method, declaration, model, CancellationToken.None), tree.ToString());
    }

    private static string Span(string text, Location location) => text.Substring(location.SourceSpan.Start, location.SourceSpan.Length);
}
