using System.Collections.Generic;
using System.Threading.Tasks;
using Rollout.Analyzers.Tests.Infrastructure;
using static Rollout.Analyzers.Tests.Infrastructure.Specs;

namespace Rollout.Analyzers.Tests;

/// <summary>Every rule of the catalog, reported as a diagnostic at the exact span a person would look at.</summary>
public sealed class CatalogRuleTests
{
    /// <summary>Per rule: a spec chain that triggers it, with the expected span(s) marked.</summary>
    public static IEnumerable<object[]> Triggers() => new[]
    {
        // Missing parts: on the RolloutPlan.Create(...) call.
        Case("ROLL001", Chain((Create, "{|ROLL001:RolloutPlan.Create(\"checkout-v2\")|}"), (StopLoss, ""))),
        Case("ROLL002", Chain((Create, "{|ROLL002:RolloutPlan.Create(\"checkout-v2\")|}"), (Rollback, ""))),
        Case("ROLL003", Chain((Create, "{|ROLL003:RolloutPlan.Create(\"checkout-v2\")|}"), (Authority, ""))),
        Case("ROLL004", Chain((Create, "{|ROLL004:RolloutPlan.Create(\"checkout-v2\")|}"), (Canary, ""), (Full, ""))),
        // Stage rules: on that stage's Stage(...) call, or on the call that wrote the wrong value.
        Case("ROLL005", Chain((Canary, ".{|ROLL005:Stage(\"canary\", s => s.Traffic(1, \"internal users\").AdvanceWhen(Signal.ErrorRate.Below(0.1)))|}"))),
        Case("ROLL006", Chain((Canary, ".{|ROLL006:Stage(\"canary\", s => s.Traffic(1, \"internal users\").Observe(TimeSpan.FromMinutes(30)))|}"))),
        Case("ROLL007", Chain((Canary, ".Stage(\"canary\", s => s.{|ROLL007:Traffic(0, \"internal users\")|}.Observe(TimeSpan.FromMinutes(30)).AdvanceWhen(Signal.ErrorRate.Below(0.1)))"))),
        Case("ROLL008", Chain(
            (Canary, ".Stage(\"canary\", s => s.Traffic(100, \"internal users\").Observe(TimeSpan.FromMinutes(30)).AdvanceWhen(Signal.ErrorRate.Below(0.1)))"),
            (Full, ".Stage(\"full\", s => s.{|ROLL008:Traffic(100)|})"))),
        Case("ROLL009", Chain((Full, ".Stage(\"full\", s => s.{|ROLL009:Traffic(50)|})"))),
        Case("ROLL010", Chain((StopLoss, ".{|ROLL010:StopLoss(Signal.ErrorRate.Above(0.05), StopLossAction.Rollback)|}"))),
        Case("ROLL011", Chain((Create, "{|ROLL011:RolloutPlan.Create(\"checkout-v2\")|}"), (Touches, ".Touches(Surface.DatabaseSchema)"))),
        Case("ROLL012", Chain((Rollback, ".Rollback(r => r.Config(flag: \"CHECKOUT_V2\", takes: TimeSpan.FromSeconds(30)).{|ROLL012:DataRepair(\"fix.py\")|})"))),
        // Writes data without a repair path: ROLL013 on the rollback, and the missing point of no return (ROLL011) with it.
        Case("ROLL013", Chain(
            (Create, "{|ROLL011:RolloutPlan.Create(\"checkout-v2\")|}"),
            (Touches, ".Touches(Surface.PersistentData)"),
            (Rollback, ".{|ROLL013:Rollback(r => r.Config(flag: \"CHECKOUT_V2\", takes: TimeSpan.FromSeconds(30)))|}"))),
        Case("ROLL014", Chain((Authority, ".Authority(a => a.MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed).Announce(\"#incidents\", within: TimeSpan.FromMinutes(5)).{|ROLL014:RequireSignOff(Role.Product)|})"))),
        Case("ROLL015", Chain((Authority, ".{|ROLL015:Authority(a => a.MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed))|}"))),
        Case("ROLL016", Chain((Create, "RolloutPlan.Create({|ROLL016:\"Checkout_V2\"|})"))),
        Case("ROLL017", Chain((Full, ".{|ROLL017:Stage(\"canary\", s => s.Traffic(100))|}"))),
        Case("ROLL018", Chain((Full, Full + "\n            .PointOfNoReturn(p => p.{|ROLL018:AfterStage(\"half\")|}.ForwardFix(\"repair forward\", owner: \"payments\"))"))),
        Case("ROLL019", Chain((Create, "{|ROLL019:RolloutPlan.Create(\"checkout-v2\")|}"), (Owner, ""))),
        Case("ROLL020", Chain(
            (Touches, ".Touches(Surface.DatabaseSchema)"),
            (Full, Full + "\n            .PointOfNoReturn(p => p.AfterStage(\"canary\").ForwardFix(\"repair forward\", owner: \"payments\"))"),
            (Rollback, ".{|ROLL020:Rollback(r => r.Code(TimeSpan.FromMinutes(10)))|}"))),
        Case("ROLL021", Chain((Authority, ".{|ROLL021:Authority(a => a.Announce(\"#incidents\", within: TimeSpan.FromMinutes(5)))|}"))),
        Case("ROLL022", Chain((Rollback, ".Rollback(r => r.{|ROLL022:Config(flag: \"CHECKOUT_V2\", takes: TimeSpan.Zero)|})"))),
        // Undefined enum values: on the call that wrote the value (each kind of choice once).
        Case("ROLL023", Chain((Touches, ".{|ROLL023:Touches((Surface)99)|}"))),
        Case("ROLL023", Chain((StopLoss, ".{|ROLL023:StopLoss(Signal.ErrorRate.Above(0.5), (StopLossAction)7)|}"))),
        Case("ROLL023", Chain((Authority, ".Authority(a => a.MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed).{|ROLL023:MayTrigger(Role.OnCall, ~Trigger.AnyReason)|}.Announce(\"#incidents\", within: TimeSpan.FromMinutes(5)))"))),
        // Unmeasured metrics: on the condition of the metric's first use, once per metric (error_rate's stop-loss is not reported again).
        Case("ROLL024", Chain((Measure, ""), (Canary, ".Stage(\"canary\", s => s.Traffic(1, \"internal users\").Observe(TimeSpan.FromMinutes(30)).AdvanceWhen({|ROLL024:Signal.ErrorRate.Below(0.1)|}))"))),
        Case("ROLL024", Chain((Canary, ".Stage(\"canary\", s => s.Traffic(1, \"internal users\").Observe(TimeSpan.FromMinutes(30)).AdvanceWhen(Signal.ErrorRate.Below(0.1)).AdvanceWhen(Signal.ErrorRate.Below(0.2), {|ROLL024:Signal.LatencyP99.Below(TimeSpan.FromMilliseconds(400))|}))"))),
        Case("ROLL024", Chain((StopLoss, StopLoss + "\n            .StopLoss({|ROLL024:Signal.Count(\"payment_errors\").Above(5)|}, StopLossAction.Halt)"))),
    };

    [Theory]
    [MemberData(nameof(Triggers))]
    public Task Rule_is_reported_at_the_expected_span(string id, string chain)
    {
        Assert.Contains("{|" + id + ":", chain);
        return Verify.Analyzer(Spec(chain));
    }

    [Fact]
    public Task A_complete_plan_has_no_diagnostic() => Verify.Analyzer(Spec(Chain()));

    [Fact]
    public Task A_complete_plan_with_a_data_repair_and_a_point_of_no_return_has_no_diagnostic() => Verify.Analyzer(Spec(Chain(
        (Touches, ".Touches(Surface.PersistentData, Surface.DatabaseSchema)"),
        (Full, Full + "\n            .PointOfNoReturn(p => p.AfterStage(\"canary\").ForwardFix(\"repair forward\", owner: \"payments\"))"),
        (Rollback, ".Rollback(r => r.Config(flag: \"F\", takes: TimeSpan.FromSeconds(5)).Code(TimeSpan.FromMinutes(10)).Schema(\"down.sql\", takes: TimeSpan.FromMinutes(2)).DataRepair(\"fix.py\", owner: \"payments\", takes: TimeSpan.FromHours(1)))"))));

    [Fact]
    public Task Messages_name_the_plan_and_stage_and_say_what_to_write() => Verify.Analyzer(
        Spec(Chain((Canary, ".Stage(\"canary\", s => s.Traffic(1, \"internal users\").AdvanceWhen(Signal.ErrorRate.Below(0.1)))"), (StopLoss, ""))),
        Verify.Diagnostic("ROLL001").WithSpan(8, 9, 8, 42)
            .WithMessage("Plan 'checkout-v2' has no stop-loss threshold, so nobody knows when to stop. Add .StopLoss(<metric condition>, StopLossAction.Rollback), e.g. .StopLoss(Signal.ErrorRate.Above(0.5), StopLossAction.Rollback)."),
        Verify.Diagnostic("ROLL005").WithSpan(12, 14, 12, 107)
            .WithMessage("Plan 'checkout-v2': stage 'canary' (#1) has no observation window, so nobody knows how long to watch it. Add .Observe(TimeSpan.FromMinutes(30)) (the soak time) to the stage."));

    [Fact]
    public Task A_severity_set_in_editorconfig_applies()
    {
        var test = new Verify.AnalyzerTest { TestCode = Spec(Chain((Create, "{|#0:RolloutPlan.Create(\"checkout-v2\")|}"), (StopLoss, ""))) };
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.ROLL001.severity = warning\n"));
        test.ExpectedDiagnostics.Add(Verify.Diagnostic("ROLL001").WithLocation(0).WithSeverity(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning));
        return test.RunAsync();
    }

    private static object[] Case(string id, string chain) => new object[] { id, chain };
}
