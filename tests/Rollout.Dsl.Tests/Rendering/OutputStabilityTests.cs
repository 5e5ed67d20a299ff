using System;
using System.Collections.Generic;
using System.Linq;
using Rollout.TestSupport;

namespace Rollout.Dsl.Tests.Rendering;

public class OutputStabilityTests
{
    public static TheoryData<string, string> CulturesAndPlans()
    {
        var data = new TheoryData<string, string>();
        foreach (var culture in new[] { "de-DE", "tr-TR", "ar-SA", "fa-IR" })
        {
            foreach (var id in RenderingSamples.AllIds) data.Add(culture, id);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CulturesAndPlans))]
    public void Output_is_byte_identical_under_any_culture(string culture, string id)
    {
        var (runbook, json) = CultureScope.Run("", () => Render(id));

        var (cultureRunbook, cultureJson) = CultureScope.Run(culture, () => Render(id));

        Assert.Equal(runbook, cultureRunbook);
        Assert.Equal(json, cultureJson);
    }

    [Fact]
    public void Fractional_numbers_are_written_with_a_point()
    {
        var (runbook, json) = CultureScope.Run("de-DE", () => Render("fractional-numbers"));

        Assert.Contains("\"percent\": 2.5", json);
        Assert.Contains("\"threshold\": 0.1", json);
        Assert.Contains("\"threshold\": 12.75", json);
        Assert.Contains("\"observe\": \"PT1H30M0.25S\"", json);
        Assert.Contains("| 2.5 % |", runbook);
        Assert.Contains("error_rate &lt; 0.1 %", runbook);
        Assert.DoesNotContain("0,1", runbook + json);
        Assert.DoesNotContain("2,5", runbook + json);
    }

    [Theory]
    [MemberData(nameof(RenderingSamples.AllIds), MemberType = typeof(RenderingSamples))]
    public void Rendering_twice_gives_the_same_text(string id)
    {
        Assert.Equal(Render(id), Render(id));
        Assert.Equal(RenderingSamples.Plan(id).ToJson(), Dsl.Rendering.JsonPlanWriter.Write(RenderingSamples.Plan(id), RenderingSamples.Plan(id).Validate()));
    }

    [Theory]
    [MemberData(nameof(RenderingSamples.AllIds), MemberType = typeof(RenderingSamples))]
    public void Output_uses_only_line_feeds_and_ends_with_one(string id)
    {
        var (runbook, json) = Render(id);

        foreach (var text in new[] { runbook, json })
        {
            Assert.DoesNotContain('\r', text);
            Assert.EndsWith("\n", text);
            Assert.False(text.EndsWith("\n\n", StringComparison.Ordinal), "more than one trailing newline");
            Assert.DoesNotContain(" \n", text);
        }
    }

    [Fact]
    public void Output_does_not_depend_on_the_order_of_rendering()
    {
        var forward = RenderingSamples.All().Select(p => p.ToRunbook() + p.ToJson()).ToList();
        var backward = RenderingSamples.All().Reverse().Select(p => p.ToRunbook() + p.ToJson()).Reverse().ToList();

        Assert.Equal(forward, backward);
    }

    private static (string Runbook, string Json) Render(string id)
    {
        var plan = RenderingSamples.Plan(id);
        return (plan.ToRunbook(), plan.ToJson());
    }

    [Fact]
    public void Output_does_not_depend_on_the_line_endings_of_the_spec_file()
    {
        // A multi-line raw or verbatim string takes the file's line endings: CRLF on one checkout, LF on another.
        static RolloutPlan Plan(string newline) => RolloutPlan.Create("line-endings")
            .Title("first" + newline + "second")
            .Owner("team")
            .Stage("only", s => s.Traffic(100, "a" + newline + "b"))
            .Rollback(r => r.DataRepair("fix.py", owner: "team", takes: System.TimeSpan.FromHours(1), scope: "x" + newline + "y"))
            .Build();

        var lf = Plan("\n");
        foreach (var other in new[] { Plan("\r\n"), Plan("\r") })
        {
            Assert.Equal(lf.ToJson(), other.ToJson());
            Assert.Equal(lf.ToRunbook(), other.ToRunbook());
        }
    }
}
