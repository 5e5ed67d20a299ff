using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using Rollout.Analyzers.Tests.Infrastructure;
using static Rollout.Analyzers.Tests.Infrastructure.Specs;

namespace Rollout.Analyzers.Tests;

/// <summary>ROLL100 (not evaluable at build time), ROLL101 (spec method shape), ROLL102 (duplicate plan ids).</summary>
public sealed class CompileTimeRuleTests
{
    // --- ROLL100: each at the exact expression the build cannot evaluate -------------------------

    [Fact]
    public Task A_call_to_a_user_method_is_reported_at_the_call() => Verify.Analyzer(Spec(
        Chain((Owner, ".Owner({|ROLL100:Team()|})")),
        "    private static string Team() => \"payments\";\n\n"));

    [Fact]
    public Task A_user_method_inside_a_TimeSpan_call_is_reported_at_the_inner_call() => Verify.Analyzer(Spec(
        Chain((Canary, ".Stage(\"canary\", s => s.Traffic(1).Observe(TimeSpan.FromMinutes({|ROLL100:Minutes()|})).AdvanceWhen(Signal.ErrorRate.Below(0.1)))")),
        "    private static int Minutes() => 30;\n\n"));

    private const string Extensions =
        "\npublic static class PlanExtensions\n{\n"
        + "    public static RolloutPlanBuilder AddCanary(this RolloutPlanBuilder plan) => plan.Stage(\"canary\", s => s.Traffic(1).Observe(TimeSpan.FromMinutes(30)).AdvanceWhen(Signal.ErrorRate.Below(0.1)));\n"
        + "    public static RolloutPlanBuilder With(this RolloutPlanBuilder plan, int value) => plan;\n"
        + "}\n";

    private static DiagnosticResult Roll100(int line, int column, int endColumn, string message) =>
        Verify.Diagnostic("ROLL100").WithSpan(line, column, line, endColumn).WithArguments(message);

    [Fact]
    public Task A_user_extension_in_the_chain_is_reported_at_its_name_and_arguments_not_at_the_chain_start() => Verify.Analyzer(
        Spec(Chain((Canary, ".AddCanary()"))) + Extensions,
        // Line 12 is ".AddCanary()" (the chain starts on line 8): the report covers "AddCanary()" only.
        Roll100(12, 14, 25, "the call to 'PlanExtensions.AddCanary' runs user code, which the build does not execute; write the DSL calls inline or use const values"));

    [Fact]
    public Task Every_unreadable_call_along_a_chain_is_reported_not_only_the_outermost() => Verify.Analyzer(
        Spec(Chain((Owner, ".Owner(Same(\"payments\"))"), (Full, Full + "\n            .With(42)")),
            "    private static string Same(string value) => value;\n\n") + Extensions,
        Roll100(11, 20, 36, "the call to 'Specs.Same' runs user code, which the build does not execute; write the DSL calls inline or use const values"),
        Roll100(16, 14, 22, "the call to 'PlanExtensions.With' runs user code, which the build does not execute; write the DSL calls inline or use const values"));

    [Fact]
    public Task A_library_method_is_reported_as_a_value_not_known_at_build_time() => Verify.Analyzer(Spec(
        Chain((Full, ".Stage(\"full\", s => s.Traffic(int.Parse(\"100\")))"))),
        Roll100(13, 43, 59, "the value of 'Int32.Parse' is not known at build time: the build runs no method outside the DSL; write the value as a literal or a const"));

    [Fact]
    public Task A_static_readonly_field_is_reported_at_the_field() => Verify.Analyzer(Spec(
        Chain((Rollback, ".Rollback(r => r.Config(flag: {|ROLL100:Flag|}, takes: TimeSpan.FromSeconds(30)))")),
        "    private static readonly string Flag = \"CHECKOUT_V2\";\n\n"));

    [Fact]
    public Task A_mutable_static_field_is_reported_at_the_field() => Verify.Analyzer(Spec(
        Chain((Full, ".Stage(\"full\", s => s.Traffic({|ROLL100:FullTraffic|}))")),
        "    public static double FullTraffic = 100;\n\n"));

    [Fact]
    public Task A_non_const_local_is_reported_at_its_declaration() => Verify.Analyzer(
        Usings + "public static class Specs\n{\n    [RolloutSpec]\n    public static RolloutPlan Plan()\n    {\n"
        + "        {|ROLL100:var owner = \"payments\";|}\n"
        + "        return " + Chain((Owner, ".Owner(owner)")) + ";\n    }\n}\n");

    [Fact]
    public Task A_method_group_instead_of_a_lambda_is_reported_at_the_method_group() => Verify.Analyzer(Spec(
        Chain((Full, ".Stage(\"full\", {|ROLL100:FullStage|})")),
        "    private static void FullStage(StageBuilder s) => s.Traffic(100);\n\n"));

    [Fact]
    public Task DateTime_Now_is_reported_at_the_expression() => Verify.Analyzer(Spec(
        Chain((Canary, ".Stage(\"canary\", s => s.Traffic(1).Observe({|ROLL100:DateTime.Now.TimeOfDay|}).AdvanceWhen(Signal.ErrorRate.Below(0.1)))"))));

    [Fact]
    public Task DateTime_Now_formatted_is_reported_at_the_call() => Verify.Analyzer(Spec(
        Chain((Owner, Owner + "\n            .Title({|ROLL100:DateTime.Now.ToString()|})"))));

    [Fact]
    public Task String_Format_is_reported_at_the_call() => Verify.Analyzer(Spec(
        Chain((Owner, ".Owner({|ROLL100:string.Format(\"{0}\", \"payments\")|})"))));

    [Fact]
    public Task A_non_constant_interpolated_string_is_reported_at_the_string() => Verify.Analyzer(Spec(
        Chain((Owner, ".Owner({|ROLL100:$\"team-{Suffix}\"|})")),
        "    private static readonly string Suffix = \"payments\";\n\n"));

    [Fact]
    public Task Every_argument_of_a_call_that_cannot_be_read_is_reported() => Verify.Analyzer(Spec(
        Chain((Rollback, ".Rollback(r => r.Config(flag: {|ROLL100:Flag|}, takes: TimeSpan.FromSeconds({|ROLL100:Seconds()|})))")),
        "    private static readonly string Flag = \"CHECKOUT_V2\";\n    private static int Seconds() => 30;\n\n"));

    [Fact]
    public Task Omitted_optional_arguments_and_default_are_read() => Verify.Analyzer(Spec(Chain(
        (Touches, ".Touches(Surface.PersistentData)"),
        (Full, Full + "\n            .PointOfNoReturn(p => p.AfterStage(\"canary\").ForwardFix(\"repair forward\"))"),
        (Rollback, ".Rollback(r => r.Config(flag: \"F\", takes: TimeSpan.FromSeconds(5), when: default).{|ROLL012:DataRepair(\"fix.py\", owner: \"payments\")|})"))));

    [Fact]
    public Task Const_fields_const_locals_nameof_and_constant_interpolation_are_read() => Verify.Analyzer(
        Usings + "public static class Specs\n{\n"
        + "    private const string Id = \"checkout-v2\";\n"
        + "    private const string Team = \"pay\";\n"
        + "    private const double Canary = 1;\n\n"
        + "    [RolloutSpec]\n    public static RolloutPlan Plan()\n    {\n"
        + "        const string Flag = \"CHECKOUT_V2\";\n"
        + "        return " + Chain(
            (Create, "RolloutPlan.Create(Id)"),
            (Owner, ".Owner($\"{Team}ments\").Title(nameof(Plan))"),
            (Specs.Canary, ".Stage(\"canary\", s => s.Traffic(Canary, \"internal users\").Observe(TimeSpan.FromMinutes(30)).AdvanceWhen(Signal.ErrorRate.Below(0.1)))"),
            (Rollback, ".Rollback(r => r.Config(flag: Flag, takes: TimeSpan.FromSeconds(30)))")) + ";\n    }\n}\n");

    // --- ROLL101: at the method name ------------------------------------------------------------

    [Fact]
    public Task An_instance_method_is_reported_at_its_name() => Verify.Analyzer(
        Usings + "public class Specs\n{\n    [RolloutSpec]\n    public RolloutPlan {|ROLL101:Plan|}() =>\n        " + Chain() + ";\n}\n");

    [Fact]
    public Task A_method_with_parameters_is_reported_at_its_name() => Verify.Analyzer(
        Usings + "public static class Specs\n{\n    [RolloutSpec]\n    public static RolloutPlan {|ROLL101:Plan|}(string id) =>\n        " + Chain() + ";\n}\n");

    [Fact]
    public Task A_method_with_the_wrong_return_type_is_reported_at_its_name() => Verify.Analyzer(
        Usings + "public static class Specs\n{\n    [RolloutSpec]\n    public static RolloutPlanBuilder {|ROLL101:Plan|}() =>\n        " + Chain() + ";\n}\n");

    [Fact]
    public Task The_message_says_everything_that_is_wrong_with_the_shape() => Verify.Analyzer(
        Usings + "public class Specs\n{\n    [RolloutSpec]\n    public string {|#0:Plan|}(int x) => \"\";\n}\n",
        Verify.Diagnostic("ROLL101").WithLocation(0).WithMessage(
            "[RolloutSpec] method 'Plan' must be static, take no parameters, return Rollout.Dsl.RolloutPlan, e.g. 'public static RolloutPlan Plan() => RolloutPlan.Create(\"my-plan\")...'."));

    [Fact]
    public Task A_method_without_the_attribute_is_not_a_spec() => Verify.Analyzer(
        Usings + "public class Specs\n{\n    public RolloutPlan Plan(int x) => RolloutPlan.Create(\"x\");\n}\n");

    // --- ROLL102: at each duplicate's id argument, at compilation end ----------------------------

    [Fact]
    public Task Two_specs_with_one_id_are_both_reported_at_their_id() => Verify.Analyzer(
        Usings + "public static class Specs\n{\n"
        + "    [RolloutSpec]\n    public static RolloutPlan First() =>\n        " + Chain((Create, "RolloutPlan.Create({|ROLL102:\"checkout-v2\"|})")) + ";\n\n"
        + "    [RolloutSpec]\n    public static RolloutPlan Second() =>\n        " + Chain((Create, "RolloutPlan.Create({|ROLL102:\"checkout-v2\"|})")) + ";\n}\n");

    [Fact]
    public Task Duplicates_across_files_name_the_other_spec()
    {
        var test = new Verify.AnalyzerTest();
        test.TestState.Sources.Add(("/Specs/A.cs", Usings + "public static class A\n{\n    [RolloutSpec]\n    public static RolloutPlan Plan() =>\n        " + Chain((Create, "RolloutPlan.Create({|#0:\"checkout-v2\"|})")) + ";\n}\n"));
        test.TestState.Sources.Add(("/Specs/B.cs", Usings + "public static class B\n{\n    [RolloutSpec]\n    public static RolloutPlan Other() =>\n        " + Chain((Create, "RolloutPlan.Create({|#1:\"checkout-v2\"|})"), (StopLoss, ".StopLoss(Signal.ErrorRate.Above({|#2:Threshold()|}), StopLossAction.Rollback)")) + ";\n    static double Threshold() => 1;\n}\n"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("ROLL102").WithLocation(0).WithMessage(
            "Plan id 'checkout-v2' of spec 'A.Plan' is also used by spec 'B.Other' (B.cs:8); plan ids name the runbook and JSON files, so each must be unique in the project. Give one of them another id, e.g. \"checkout-v2-2\"."));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("ROLL102").WithLocation(1).WithMessage(
            "Plan id 'checkout-v2' of spec 'B.Other' is also used by spec 'A.Plan' (A.cs:8); plan ids name the runbook and JSON files, so each must be unique in the project. Give one of them another id, e.g. \"checkout-v2-2\"."));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("ROLL100").WithLocation(2));
        return test.RunAsync();
    }

    [Fact]
    public Task Specs_that_share_a_method_name_are_told_apart_by_their_type()
    {
        var test = new Verify.AnalyzerTest();
        test.TestState.Sources.Add(("/Specs/First.cs", Usings + "public static class First\n{\n    [RolloutSpec]\n    public static RolloutPlan Plan() =>\n        " + Chain((Create, "RolloutPlan.Create({|#0:\"x\"|})")) + ";\n}\n"));
        test.TestState.Sources.Add(("/Specs/Second.cs", Usings + "public static class Outer\n{\n    public static class Second\n    {\n        [RolloutSpec]\n        public static RolloutPlan Plan() =>\n            " + Chain((Create, "RolloutPlan.Create({|#1:\"x\"|})")) + ";\n    }\n}\n"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("ROLL102").WithLocation(0).WithMessage(
            "Plan id 'x' of spec 'First.Plan' is also used by spec 'Outer.Second.Plan' (Second.cs:10); plan ids name the runbook and JSON files, so each must be unique in the project. Give one of them another id, e.g. \"x-2\"."));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("ROLL102").WithLocation(1).WithMessage(
            "Plan id 'x' of spec 'Outer.Second.Plan' is also used by spec 'First.Plan' (First.cs:8); plan ids name the runbook and JSON files, so each must be unique in the project. Give one of them another id, e.g. \"x-2\"."));
        return test.RunAsync();
    }

    [Fact]
    public Task Different_ids_are_fine() => Verify.Analyzer(
        Usings + "public static class Specs\n{\n"
        + "    [RolloutSpec]\n    public static RolloutPlan First() =>\n        " + Chain() + ";\n\n"
        + "    [RolloutSpec]\n    public static RolloutPlan Second() =>\n        " + Chain((Create, "RolloutPlan.Create(\"checkout-v3\")")) + ";\n}\n");
}
