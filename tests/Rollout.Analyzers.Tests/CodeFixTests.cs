using System.Threading.Tasks;
using Rollout.Analyzers.Tests.Infrastructure;
using static Rollout.Analyzers.Tests.Infrastructure.Specs;

namespace Rollout.Analyzers.Tests;

/// <summary>
/// Every code fix: the exact fixed text, which the test framework also compiles (no compiler errors)
/// and re-analyzes (no diagnostic left), for the single fix and for fix-all.
/// </summary>
public sealed class CodeFixTests
{
    private const string MarkedCreate = "{|#0:RolloutPlan.Create(\"checkout-v2\")|}";
    private const string Line = "\n            ";

    private static string Marked(string id) => "{|" + id + ":RolloutPlan.Create(\"checkout-v2\")|}";

    // --- ROLL025: control characters out of free text, queries untouched -----------------------

    [Fact]
    public Task ROLL025_turns_a_line_break_into_a_space_and_removes_a_bidi_override() => Verify.CodeFix(
        Spec(Chain((Canary, ".Stage(\"canary\", s => s.{|ROLL025:Traffic(1, \"internal\\nusers\\u202E\")|}.Observe(TimeSpan.FromMinutes(30)).AdvanceWhen(Signal.ErrorRate.Below(0.1)))"))),
        Spec(Chain((Canary, ".Stage(\"canary\", s => s.Traffic(1, \"internal users\").Observe(TimeSpan.FromMinutes(30)).AdvanceWhen(Signal.ErrorRate.Below(0.1)))"))));

    [Fact]
    public Task ROLL025_leaves_a_multi_line_query_alone() => Verify.CodeFix(
        Spec(Chain((Measure, Measure + ".{|ROLL025:Measure(Signal.Count(\"payment\\terrors\"), query: \"sum(rate(errors_total[$window]))\\n/ 1\")|}"), (Canary, ".Stage(\"canary\", s => s.Traffic(1, \"internal users\").Observe(TimeSpan.FromMinutes(30)).AdvanceWhen(Signal.ErrorRate.Below(0.1)))"))),
        Spec(Chain((Measure, Measure + ".Measure(Signal.Count(\"payment errors\"), query: \"sum(rate(errors_total[$window]))\\n/ 1\")"), (Canary, ".Stage(\"canary\", s => s.Traffic(1, \"internal users\").Observe(TimeSpan.FromMinutes(30)).AdvanceWhen(Signal.ErrorRate.Below(0.1)))"))));

    // --- ROLL001-003: a skeleton at the end of the chain --------------------------------------

    [Fact]
    public Task ROLL001_adds_a_stop_loss_on_its_own_line_in_a_multi_line_chain() => Verify.CodeFix(
        Spec(Chain((Create, Marked("ROLL001")), (StopLoss, ""))),
        Spec(Chain((StopLoss, "")) + Line + ".StopLoss(Signal.ErrorRate.Above(0.5), StopLossAction.Rollback)"));

    [Fact]
    public Task ROLL001_appends_inline_to_a_single_line_chain() => Verify.CodeFix(
        Spec("{|ROLL001:RolloutPlan.Create(\"checkout-v2\")|}" + Owner + Touches + Measure + Canary + Full + Rollback + Authority),
        Spec(Create + Owner + Touches + Measure + Canary + Full + Rollback + Authority + ".StopLoss(Signal.ErrorRate.Above(0.5), StopLossAction.Rollback)"));

    [Fact]
    public Task ROLL001_fix_all_fixes_two_specs_in_one_document()
    {
        static string Two(string first, string second) =>
            Usings + "public static class Specs\n{\n"
            + "    [RolloutSpec]\n    public static RolloutPlan First() =>\n        " + first + ";\n\n"
            + "    [RolloutSpec]\n    public static RolloutPlan Second() =>\n        " + second + ";\n}\n";
        var secondCreate = "RolloutPlan.Create(\"checkout-v3\")";
        var test = new Verify.CodeFixTest
        {
            TestCode = Two(
                Chain((Create, Marked("ROLL001")), (StopLoss, "")),
                Chain((Create, "{|ROLL001:" + secondCreate + "|}"), (StopLoss, ""), (Authority, Authority.Replace("#incidents", "#checkout")))),
            FixedCode = Two(
                Chain((StopLoss, "")) + Line + StopLoss,
                Chain((Create, secondCreate), (StopLoss, ""), (Authority, Authority.Replace("#incidents", "#checkout"))) + Line + StopLoss),
            NumberOfIncrementalIterations = 2,
            NumberOfFixAllIterations = 1,
        };
        return test.RunAsync();
    }

    [Fact]
    public Task ROLL002_adds_a_rollback() => Verify.CodeFix(
        Spec(Chain((Create, Marked("ROLL002")), (Rollback, ""))),
        Spec(Chain((Rollback, "")) + Line + ".Rollback(r => r.Config(flag: \"TODO_FEATURE_FLAG\", takes: TimeSpan.FromSeconds(30)))"));

    [Fact]
    public Task ROLL002_adds_using_System_when_TimeSpan_is_not_in_scope()
    {
        const string NoTimeSpan = "public static class Specs\n{\n    [RolloutSpec]\n    public static RolloutPlan Plan() =>\n        ";
        var canary = Canary.Replace("TimeSpan.", "System.TimeSpan.");
        return Verify.CodeFix(
            "// Service specs.\nusing Rollout.Dsl;\n\n" + NoTimeSpan + Chain((Create, Marked("ROLL002")), (Canary, canary), (Rollback, ""), (Authority, ".Authority(a => a.MayTrigger(Role.OnCall, Trigger.AnyReason).Announce(\"#incidents\", within: System.TimeSpan.FromMinutes(5)))")) + ";\n}\n",
            "// Service specs.\nusing System;\nusing Rollout.Dsl;\n\n" + NoTimeSpan + Chain((Canary, canary), (Rollback, ""), (Authority, ".Authority(a => a.MayTrigger(Role.OnCall, Trigger.AnyReason).Announce(\"#incidents\", within: System.TimeSpan.FromMinutes(5)))"))
                + Line + ".Rollback(r => r.Config(flag: \"TODO_FEATURE_FLAG\", takes: TimeSpan.FromSeconds(30)))" + ";\n}\n");
    }

    [Fact]
    public Task ROLL003_adds_authority_rules_one_call_per_line_in_a_multi_line_chain() => Verify.CodeFix(
        Spec(Chain((Create, Marked("ROLL003")), (Authority, ""))),
        Spec(Chain((Authority, "")) + Line + ".Authority(a => a"
            + Line + "    .MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed)"
            + Line + "    .MayTrigger(Role.OnCall, Trigger.AnyReason)"
            + Line + "    .Announce(\"#incidents\", within: TimeSpan.FromMinutes(5)))"));

    [Fact]
    public Task ROLL003_adds_authority_rules_inline_in_a_single_line_chain() => Verify.CodeFix(
        Spec("{|ROLL003:RolloutPlan.Create(\"checkout-v2\")|}" + Owner + Touches + Measure + Canary + Full + StopLoss + Rollback),
        Spec(Create + Owner + Touches + Measure + Canary + Full + StopLoss + Rollback + Authority));

    [Fact]
    public Task The_three_fixes_in_turn_make_an_empty_plan_ready_except_for_its_stages()
    {
        var test = new Verify.CodeFixTest
        {
            TestCode = Spec(Chain((Create, "{|#0:RolloutPlan.Create(\"checkout-v2\")|}"), (StopLoss, ""), (Rollback, ""), (Authority, ""))),
            FixedCode = Spec(Chain((StopLoss, ""), (Rollback, ""), (Authority, ""))
                + Line + ".StopLoss(Signal.ErrorRate.Above(0.5), StopLossAction.Rollback)"),
            CodeActionEquivalenceKey = "Rollout.ROLL001.AddStopLoss",
        };
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("ROLL001").WithLocation(0));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("ROLL002").WithLocation(0));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("ROLL003").WithLocation(0));
        test.FixedState.ExpectedDiagnostics.Add(Verify.Diagnostic("ROLL002").WithSpan(8, 9, 8, 42));
        test.FixedState.ExpectedDiagnostics.Add(Verify.Diagnostic("ROLL003").WithSpan(8, 9, 8, 42));
        return test.RunAsync();
    }

    // --- further fixes ---------------------------------------------------------------------------

    [Fact]
    public Task ROLL005_adds_an_observation_window_to_a_single_line_stage() => Verify.CodeFix(
        Spec(Chain((Canary, ".{|ROLL005:Stage(\"canary\", s => s.Traffic(1, \"internal users\").AdvanceWhen(Signal.ErrorRate.Below(0.1)))|}"))),
        Spec(Chain((Canary, ".Stage(\"canary\", s => s.Traffic(1, \"internal users\").AdvanceWhen(Signal.ErrorRate.Below(0.1)).Observe(TimeSpan.FromMinutes(30)))"))));

    [Fact]
    public Task ROLL005_adds_an_observation_window_on_its_own_line_to_a_multi_line_stage() => Verify.CodeFix(
        Spec(Chain((Canary, ".{|ROLL005:Stage(\"canary\", s => s" + Line + "    .Traffic(1, \"internal users\")" + Line + "    .AdvanceWhen(Signal.ErrorRate.Below(0.1)))|}"))),
        Spec(Chain((Canary, ".Stage(\"canary\", s => s" + Line + "    .Traffic(1, \"internal users\")" + Line + "    .AdvanceWhen(Signal.ErrorRate.Below(0.1))" + Line + "    .Observe(TimeSpan.FromMinutes(30)))"))));

    [Fact]
    public Task ROLL005_replaces_a_zero_window() => Verify.CodeFix(
        Spec(Chain((Canary, ".Stage(\"canary\", s => s.Traffic(1).{|ROLL005:Observe(TimeSpan.Zero)|}.AdvanceWhen(Signal.ErrorRate.Below(0.1)))"))),
        Spec(Chain((Canary, ".Stage(\"canary\", s => s.Traffic(1).Observe(TimeSpan.FromMinutes(30)).AdvanceWhen(Signal.ErrorRate.Below(0.1)))"))));

    [Fact]
    public Task ROLL006_adds_an_advance_gate_to_the_stage() => Verify.CodeFix(
        Spec(Chain((Canary, ".{|ROLL006:Stage(\"canary\", s => s.Traffic(1, \"internal users\").Observe(TimeSpan.FromMinutes(30)))|}"))),
        Spec(Chain((Canary, ".Stage(\"canary\", s => s.Traffic(1, \"internal users\").Observe(TimeSpan.FromMinutes(30)).AdvanceWhen(Signal.ErrorRate.Below(0.1)))"))));

    [Fact]
    public Task ROLL009_sets_the_last_stage_to_100_percent_and_keeps_the_audience() => Verify.CodeFix(
        Spec(Chain((Full, ".Stage(\"full\", s => s.{|ROLL009:Traffic(50, \"everyone else\")|})"))),
        Spec(Chain((Full, ".Stage(\"full\", s => s.Traffic(100, \"everyone else\"))"))));

    [Theory]
    [InlineData("Checkout_V2", "checkout-v2")]
    [InlineData("-New Checkout!-", "new-checkout")]
    [InlineData("PAYMENTS", "payments")]
    public Task ROLL016_suggests_the_nearest_valid_id(string id, string fixedId) => Verify.CodeFix(
        Spec(Chain((Create, "RolloutPlan.Create({|ROLL016:\"" + id + "\"|})"))),
        Spec(Chain((Create, "RolloutPlan.Create(\"" + fixedId + "\")"))));

    [Fact]
    public Task ROLL014_moves_sign_off_roles_to_Inform() => Verify.CodeFix(
        Spec(Chain((Authority, Authority.Substring(0, Authority.Length - 1) + ".{|ROLL014:RequireSignOff(Role.Product, Role.Management)|})"))),
        Spec(Chain((Authority, Authority.Substring(0, Authority.Length - 1) + ".Inform(Role.Product, Role.Management))"))),
        "Rollout.ROLL014.SignOffToInform");

    [Fact]
    public Task ROLL014_can_remove_the_sign_off_call() => Verify.CodeFix(
        Spec(Chain((Authority, ".Authority(a => a" + Line + "    .MayTrigger(Role.OnCall, Trigger.AnyReason)" + Line + "    .Announce(\"#incidents\", within: TimeSpan.FromMinutes(5))" + Line + "    .{|ROLL014:RequireSignOff(Role.Product)|})"))),
        Spec(Chain((Authority, ".Authority(a => a" + Line + "    .MayTrigger(Role.OnCall, Trigger.AnyReason)" + Line + "    .Announce(\"#incidents\", within: TimeSpan.FromMinutes(5)))"))),
        "Rollout.ROLL014.RemoveSignOff");

    [Fact]
    public Task ROLL015_adds_an_announcement() => Verify.CodeFix(
        Spec(Chain((Authority, ".{|ROLL015:Authority(a => a.MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed))|}"))),
        Spec(Chain((Authority, ".Authority(a => a.MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed).Announce(\"#incidents\", within: TimeSpan.FromMinutes(5)))"))));

    [Fact]
    public Task ROLL019_adds_an_owner_after_Create() => Verify.CodeFix(
        Spec(Chain((Create, Marked("ROLL019")), (Owner, ""))),
        Spec(Chain((Owner, ".Owner(\"TODO-team\")"))));

    [Fact]
    public Task ROLL019_replaces_a_blank_owner() => Verify.CodeFix(
        Spec(Chain((Owner, ".{|ROLL019:Owner(\" \")|}"))),
        Spec(Chain((Owner, ".Owner(\"TODO-team\")"))));

    [Fact]
    public Task ROLL021_adds_trigger_rights() => Verify.CodeFix(
        Spec(Chain((Authority, ".{|ROLL021:Authority(a => a" + Line + "    .Announce(\"#incidents\", within: TimeSpan.FromMinutes(5)))|}"))),
        Spec(Chain((Authority, ".Authority(a => a" + Line + "    .Announce(\"#incidents\", within: TimeSpan.FromMinutes(5))"
            + Line + "    .MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed)" + Line + "    .MayTrigger(Role.OnCall, Trigger.AnyReason))"))));

    // --- ROLL024: a measurement skeleton for the metric, at the end of the plan chain ----------

    private const string MeasureSkeleton = ", query: \"TODO: Prometheus query returning the metric's value in its unit over [$window]\")";

    [Fact]
    public Task ROLL024_adds_a_measurement_for_the_gate_metric() => Verify.CodeFix(
        Spec(Chain((Measure, ""), (Canary, ".Stage(\"canary\", s => s.Traffic(1, \"internal users\").Observe(TimeSpan.FromMinutes(30)).AdvanceWhen({|ROLL024:Signal.ErrorRate.Below(0.1)|}))"))),
        Spec(Chain((Measure, "")) + Line + ".Measure(Signal.ErrorRate" + MeasureSkeleton));

    [Fact]
    public Task ROLL024_copies_a_named_metric_of_a_stop_loss() => Verify.CodeFix(
        Spec(Chain((StopLoss, StopLoss + Line + ".StopLoss({|ROLL024:Signal.Count(\"payment_errors\").Above(5)|}, StopLossAction.Halt)"))),
        Spec(Chain((StopLoss, StopLoss + Line + ".StopLoss(Signal.Count(\"payment_errors\").Above(5), StopLossAction.Halt)")) + Line + ".Measure(Signal.Count(\"payment_errors\")" + MeasureSkeleton));
}
