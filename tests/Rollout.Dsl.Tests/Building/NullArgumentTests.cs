using System;
using System.Collections.Generic;

namespace Rollout.Dsl.Tests.Building;

/// <summary>Every non-nullable reference argument of the DSL is checked where it is passed.</summary>
public class NullArgumentTests
{
    private static readonly Dictionary<string, (Action Call, string Parameter)> Calls = new()
    {
        ["Create"] = (() => RolloutPlan.Create(null!), "id"),
        ["Touches"] = (() => RolloutPlan.Create("x").Touches(null!), "surfaces"),
        ["Stage name"] = (() => RolloutPlan.Create("x").Stage(null!, _ => { }), "name"),
        ["Stage configure"] = (() => RolloutPlan.Create("x").Stage("s", null!), "configure"),
        ["StopLoss"] = (() => RolloutPlan.Create("x").StopLoss(null!, StopLossAction.Rollback), "threshold"),
        ["Rollback"] = (() => RolloutPlan.Create("x").Rollback(null!), "configure"),
        ["Authority"] = (() => RolloutPlan.Create("x").Authority(null!), "configure"),
        ["PointOfNoReturn"] = (() => RolloutPlan.Create("x").PointOfNoReturn(null!), "configure"),
        ["implicit conversion"] = (() => { RolloutPlan _ = (RolloutPlanBuilder)null!; }, "builder"),
        ["AdvanceWhen"] = (() => RolloutPlan.Create("x").Stage("s", s => s.AdvanceWhen(null!)), "gates"),
        ["OverrideBy"] = (() => RolloutPlan.Create("x").Stage("s", s => s.OverrideBy(null!)), "roles"),
        ["MayTrigger"] = (() => RolloutPlan.Create("x").Authority(a => a.MayTrigger(null!, Trigger.AnyReason)), "role"),
        ["MayOverride"] = (() => RolloutPlan.Create("x").Authority(a => a.MayOverride(null!)), "roles"),
        ["Announce"] = (() => RolloutPlan.Create("x").Authority(a => a.Announce(null!, TimeSpan.FromMinutes(5))), "channel"),
        ["Inform"] = (() => RolloutPlan.Create("x").Authority(a => a.Inform(null!)), "roles"),
        ["RequireSignOff"] = (() => RolloutPlan.Create("x").Authority(a => a.RequireSignOff(null!)), "roles"),
        ["Config"] = (() => RolloutPlan.Create("x").Rollback(r => r.Config(null!, TimeSpan.FromSeconds(1))), "flag"),
        ["Code"] = (() => RolloutPlan.Create("x").Rollback(r => r.Code(TimeSpan.FromSeconds(1), artifact: null!)), "artifact"),
        ["Schema"] = (() => RolloutPlan.Create("x").Rollback(r => r.Schema(null!, TimeSpan.FromSeconds(1))), "downMigration"),
        ["SchemaIrreversible"] = (() => RolloutPlan.Create("x").Rollback(r => r.SchemaIrreversible(null!)), "runbook"),
        ["DataRepair"] = (() => RolloutPlan.Create("x").Rollback(r => r.DataRepair(null!)), "script"),
        ["Title"] = (() => RolloutPlan.Create("x").Title(null!), "title"),
        ["Owner"] = (() => RolloutPlan.Create("x").Owner(null!), "team"),
        ["AfterStage"] = (() => RolloutPlan.Create("x").PointOfNoReturn(p => p.AfterStage(null!)), "stage"),
        ["At"] = (() => RolloutPlan.Create("x").PointOfNoReturn(p => p.At(null!)), "moment"),
        ["ForwardFix"] = (() => RolloutPlan.Create("x").PointOfNoReturn(p => p.ForwardFix(null!)), "path"),
    };

    [Theory]
    [InlineData("Create")]
    [InlineData("Touches")]
    [InlineData("Stage name")]
    [InlineData("Stage configure")]
    [InlineData("StopLoss")]
    [InlineData("Rollback")]
    [InlineData("Authority")]
    [InlineData("PointOfNoReturn")]
    [InlineData("implicit conversion")]
    [InlineData("AdvanceWhen")]
    [InlineData("OverrideBy")]
    [InlineData("MayTrigger")]
    [InlineData("MayOverride")]
    [InlineData("Announce")]
    [InlineData("Inform")]
    [InlineData("RequireSignOff")]
    [InlineData("Config")]
    [InlineData("Code")]
    [InlineData("Schema")]
    [InlineData("DataRepair")]
    [InlineData("SchemaIrreversible")]
    [InlineData("Title")]
    [InlineData("Owner")]
    [InlineData("AfterStage")]
    [InlineData("At")]
    [InlineData("ForwardFix")]
    public void Null_argument_throws_ArgumentNullException_naming_the_parameter(string call)
    {
        var (action, parameter) = Calls[call];
        var error = Assert.Throws<ArgumentNullException>(action);
        Assert.Equal(parameter, error.ParamName);
    }

    [Theory]
    [InlineData("Config")]
    [InlineData("Code")]
    [InlineData("Schema")]
    [InlineData("DataRepair")]
    public void Null_rollback_target_throws_ArgumentNullException(string call)
    {
        Assert.Throws<ArgumentNullException>(Calls[call].Call);
    }

    [Fact]
    public void Nullable_arguments_may_be_null()
    {
        RolloutPlan plan = RolloutPlan.Create("nullable")
            .Stage("s", s => s.Traffic(100, audience: null).After(TimeSpan.FromHours(1), note: null))
            .Rollback(r => r.Config("F", TimeSpan.FromSeconds(1), when: null).DataRepair("fix.py", owner: null, takes: null, when: null, scope: null))
            .Authority(a => a.Announce("#incidents", TimeSpan.FromMinutes(5), include: null))
            .PointOfNoReturn(p => p.ForwardFix("finish it", owner: null));
        Assert.Null(plan.Stages[0].Audience);
        Assert.Null(plan.Authority!.Announcement!.Include);
    }
}
