using System;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Rollout.Dsl.Tests.Rendering;

public class JsonSchemaTests
{
    [Theory]
    [MemberData(nameof(RenderingSamples.AllIds), MemberType = typeof(RenderingSamples))]
    public void Plan_json_parses_and_matches_the_schema(string id)
    {
        var json = RenderingSamples.Plan(id).ToJson();

        using (var document = JsonDocument.Parse(json))
        {
            Assert.Equal(1, document.RootElement.GetProperty("schemaVersion").GetInt32());
            Assert.Equal(id, document.RootElement.GetProperty("id").GetString());
        }
        PlanSchema.AssertValid(json);
    }

    [Fact]
    public void Readiness_lists_every_rule_in_catalog_order()
    {
        var plan = RolloutPlan.Create("not-ready").Build();
        using var document = JsonDocument.Parse(plan.ToJson());
        var readiness = document.RootElement.GetProperty("readiness");

        Assert.Equal(Dsl.Rules.RuleCatalog.All.Count, readiness.GetArrayLength());
        for (var i = 0; i < readiness.GetArrayLength(); i++)
        {
            Assert.Equal(Dsl.Rules.RuleCatalog.All[i].Id, readiness[i].GetProperty("rule").GetString());
        }
        var stopLoss = readiness[0];
        Assert.Equal("fail", stopLoss.GetProperty("status").GetString());
        Assert.Equal("stopLoss", stopLoss.GetProperty("findings")[0].GetProperty("path").GetString());
        PlanSchema.AssertValid(plan.ToJson());
    }

    [Theory]
    [InlineData("schemaVersion", "2")]
    [InlineData("id", "\"Bad Id\"")]
    [InlineData("id", "\"-leading-dash\"")]
    [InlineData("touches", "[\"PaymentFlow\"]")]
    [InlineData("unexpected", "true")]
    public void Schema_rejects_a_broken_plan(string property, string value)
    {
        var plan = JsonNode.Parse(RenderingSamples.Plan("new-checkout-flow").ToJson())!.AsObject();
        plan[property] = JsonNode.Parse(value);

        Assert.False(PlanSchema.Evaluate(plan.ToJsonString()).IsValid, property + " = " + value + " should be rejected");
    }

    [Theory]
    [InlineData("30 minutes")]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("PT30m")]
    public void Schema_rejects_a_duration_that_is_not_iso_8601(string duration)
    {
        var plan = JsonNode.Parse(RenderingSamples.Plan("new-checkout-flow").ToJson())!.AsObject();
        plan["stages"]![0]!["observe"] = duration;

        Assert.False(PlanSchema.Evaluate(plan.ToJsonString()).IsValid, duration);
    }

    [Fact]
    public void Schema_rejects_a_missing_required_member_and_a_wrong_enum()
    {
        var withoutStages = JsonNode.Parse(RenderingSamples.Plan("dark-mode-toggle").ToJson())!.AsObject();
        withoutStages.Remove("stages");
        Assert.False(PlanSchema.Evaluate(withoutStages.ToJsonString()).IsValid);

        var wrongAction = JsonNode.Parse(RenderingSamples.Plan("dark-mode-toggle").ToJson())!.AsObject();
        wrongAction["stopLoss"]![0]!["action"] = "panic";
        Assert.False(PlanSchema.Evaluate(wrongAction.ToJsonString()).IsValid);
    }

    [Fact]
    public void Non_finite_numbers_are_written_as_null_and_stay_valid()
    {
        var plan = RolloutPlan.Create("non-finite")
            .Stage("one", s => s.Traffic(double.NaN).AdvanceWhen(Signal.ErrorRate.Below(double.PositiveInfinity)))
            .StopLoss(Signal.ErrorRate.Above(double.NegativeInfinity), StopLossAction.Halt)
            .Build();
        var json = plan.ToJson();

        using var document = JsonDocument.Parse(json);
        var stage = document.RootElement.GetProperty("stages")[0];
        Assert.Equal(JsonValueKind.Null, stage.GetProperty("traffic").GetProperty("percent").ValueKind);
        Assert.Equal(JsonValueKind.Null, stage.GetProperty("advanceWhen")[0].GetProperty("threshold").ValueKind);
        PlanSchema.AssertValid(json);
    }

    [Theory]
    [InlineData(1e-20)]
    [InlineData(0.1)]
    [InlineData(1e300)]
    [InlineData(-2.5)]
    [InlineData(double.Epsilon)]
    public void Thresholds_round_trip_exactly(double threshold)
    {
        var plan = RolloutPlan.Create("numbers").StopLoss(Signal.ErrorRate.Above(threshold), StopLossAction.Halt).Build();

        using var document = JsonDocument.Parse(plan.ToJson());
        var written = document.RootElement.GetProperty("stopLoss")[0].GetProperty("when").GetProperty("threshold").GetDouble();
        Assert.Equal(threshold, written);
    }

    [Fact]
    public void Negative_and_fractional_durations_match_the_duration_pattern()
    {
        var plan = RolloutPlan.Create("durations")
            .Stage("a", s => s.Traffic(1).Observe(TimeSpan.FromMinutes(-5)))
            .Stage("b", s => s.Traffic(100).After(TimeSpan.FromDays(1) + TimeSpan.FromTicks(1)))
            .Rollback(r => r.Config("F", TimeSpan.Zero))
            .Build();
        var json = plan.ToJson();

        Assert.Contains("\"observe\": \"-PT5M\"", json);
        Assert.Contains("\"duration\": \"P1DT0.0000001S\"", json);
        Assert.Contains("\"takes\": \"PT0S\"", json);
        PlanSchema.AssertValid(json);
    }
}
