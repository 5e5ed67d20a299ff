using System;
using System.IO;
using System.Text.Json;
using CsCheck;
using Xunit.Abstractions;
using Rollout.Plans;
using Rollout.Cli.Tests.Infrastructure;
using Rollout.Dsl;
using Rollout.Dsl.Text;

namespace Rollout.Cli.Tests.Plans;

/// <summary>Reading a plan document back into the model and writing it again gives the same bytes.</summary>
public sealed class RoundTripTests
{
    private readonly ITestOutputHelper _log;

    public RoundTripTests(ITestOutputHelper log) => _log = log;

    public static TheoryData<string> SamplePlanFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Tool.SamplePlans, "*.plan.json")) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(SamplePlanFiles))]
    public void Every_committed_sample_plan_reads_back_to_the_same_bytes(string file)
    {
        var json = File.ReadAllText(Path.Combine(Tool.SamplePlans, file));
        Assert.Equal(json, Read(json).ToJson());
    }

    [Fact]
    public void Generated_plans_read_back_to_the_same_bytes_and_pass_the_schema_unless_the_id_is_invalid()
    {
        Property.Check(PlanGen.Plan, plan =>
        {
            var json = plan.ToJson();
            using var document = JsonDocument.Parse(json);
            // The schema holds ids to ROLL016's pattern; the build writes no file for such a plan.
            var problems = PlanSchema.Check(document.RootElement);
            if (PlanId.IsValid(plan.Id)) Assert.Empty(problems);
            else Assert.Equal("id", Assert.Single(problems).Path);
            Assert.Equal(json, PlanJsonReader.Read(document.RootElement).ToJson());
        }, iterations: 400, _log);
    }

    [Fact]
    public void Durations_read_back_as_written()
    {
        Property.Check(PlanGen.Duration, duration =>
        {
            Assert.True(Invariant.TryParseIso8601(Invariant.Iso8601(duration), out var back), Invariant.Iso8601(duration));
            Assert.Equal(duration, back);
        }, iterations: 2000, _log);
    }

    [Theory]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1DT")]
    [InlineData("PT1S1M")]
    [InlineData("P1H")]
    [InlineData("PT0.123456789S")]
    [InlineData("PT1.5M")]
    [InlineData("P99999999999D")]
    [InlineData("30m")]
    public void Durations_outside_the_format_are_rejected(string text) =>
        Assert.False(Invariant.TryParseIso8601(text, out _));

    [Fact]
    public void A_null_threshold_reads_as_not_a_number()
    {
        var plan = new RolloutPlan { Id = "p", StopLosses = [new StopLoss { When = Signal.ErrorRate.Above(double.NaN), Action = StopLossAction.Halt }] };
        var json = plan.ToJson();
        Assert.Contains("\"threshold\": null", json);
        Assert.True(double.IsNaN(Read(json).StopLosses[0].When.Threshold));
    }

    [Fact]
    public void Undefined_choices_read_back_as_themselves_so_ROLL023_still_names_them()
    {
        var plan = new RolloutPlan
        {
            Id = "p",
            Touches = [(Surface)42],
            Authority = new AuthorityRules { Triggers = [new TriggerRight { Role = Role.OnCall, When = (Trigger)(-1) }] },
        };
        var json = plan.ToJson();
        Assert.Contains("\"(Trigger)-1\"", json);
        var back = Read(json);
        Assert.Equal(json, back.ToJson());
        Assert.Equal((Trigger)(-1), back.Authority!.Triggers[0].When);
        Assert.Contains(back.Validate(), finding => finding.RuleId == "ROLL023");
    }

    private static RolloutPlan Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return PlanJsonReader.Read(document.RootElement);
    }
}
