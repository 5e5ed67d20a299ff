using System;
using System.Linq;
using Rollout.Dsl;
using Rollout.Export.Argo;
using Rollout.Export.Flagger;
using Rollout.Export.Tests.Infrastructure;
using Rollout.Export.Yaml;
using Rollout.TestSupport;

namespace Rollout.Export.Tests;

/// <summary>The YAML is deterministic, culture-independent and holds any string the plan carries, unchanged.</summary>
public class OutputTests
{
    public static TheoryData<string, string> EnginesAndPlans()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in ExportSamples.EnginesAndPlans()) data.Add((string)row[0], (string)row[1]);
        return data;
    }

    [Theory]
    [MemberData(nameof(EnginesAndPlans))]
    public void Same_plan_same_bytes_in_any_culture(string engine, string planId)
    {
        var invariant = ExportSamples.Export(engine, planId).ToYaml();
        Assert.Equal(invariant, ExportSamples.Export(engine, planId).ToYaml());
        Assert.Equal(invariant, CultureScope.Run("de-DE", () => ExportSamples.Export(engine, planId).ToYaml()));
        Assert.Equal(invariant, CultureScope.Run("tr-TR", () => ExportSamples.Export(engine, planId).ToYaml()));
        Assert.DoesNotContain("\r", invariant);
        Assert.EndsWith("\n", invariant);
    }

    [Theory]
    [InlineData("quote \" and ' and \\ backslash")]
    [InlineData("  leading spaces and # not a comment")]
    [InlineData("key: value, [flow] {map} & *alias !tag %directive @at `tick`")]
    [InlineData("--- ... --- not a document")]
    [InlineData("yes")]
    [InlineData("0x1F")]
    [InlineData("1e3")]
    [InlineData("~")]
    [InlineData("<script>alert(1)</script> ../../etc/passwd")]
    [InlineData("émoji 🚀 and a no-break\u00A0space")]
    [InlineData("trailing space ")]
    [InlineData("")]
    public void Any_plan_string_comes_back_unchanged_from_the_yaml(string text)
    {
        var plan = RolloutPlan.Create("hostile")
            .Title(text)
            .Owner("team")
            .Touches(Surface.Config)
            .Measure(Signal.ErrorRate, ExportSamples.ErrorRate)
            .Stage("first", s => s.Traffic(10, text).Observe(TimeSpan.FromMinutes(10)).AdvanceWhen(Signal.ErrorRate.Below(1)))
            .Stage("all", s => s.Traffic(100))
            .StopLoss(Signal.ErrorRate.Above(2), StopLossAction.Rollback)
            .Rollback(r => r.Config(flag: text.Length == 0 ? "F" : text, takes: TimeSpan.FromSeconds(5)))
            .Authority(a => a.MayTrigger(Role.OnCall, Trigger.AnyReason).MayTrigger(Role.ReleaseEngineer, Trigger.StopLossCrossed).Announce("#x", within: TimeSpan.FromMinutes(5)))
            .Build();
        Assert.DoesNotContain(plan.Validate(), f => f.Severity == Rollout.Dsl.Rules.RuleSeverity.Error);
        foreach (var result in new[]
        {
            ArgoExport.Export(plan, ExportSamples.Options),
            FlaggerExport.Export(plan, ExportSamples.Options),
        })
        {
            var main = new Manifests(result.ToYaml()).Documents.Last();
            var annotations = main["metadata"]!["annotations"]!;
            Assert.Equal(text.Length == 0 ? null : text, (string?)annotations["rolloutdsl/title"]);
            Assert.StartsWith("first: 10 %; " + (string.IsNullOrWhiteSpace(text) ? "" : "audience: " + text + "; ") + "observe", (string?)annotations["rolloutdsl/stages"]);
        }
    }

    /// <summary>
    /// Text with line breaks, tabs and control characters cannot reach an export from a ready plan any more (ROLL025),
    /// but the YAML writer still holds it exactly: a plan file is only data, and the writer is the last line of defence.
    /// </summary>
    [Theory]
    [InlineData("line one\nline two\n")]
    [InlineData("  leading spaces\nand # not a comment")]
    [InlineData("---\n...\n--- not a document")]
    [InlineData("tab\tand \u0007 bell and \u2028 separator and émoji 🚀")]
    [InlineData("trailing space \n")]
    public void Any_string_with_control_characters_comes_back_unchanged_from_the_yaml_writer(string text)
    {
        var document = new YamlMap().Add("kind", "Probe").Add("metadata", new YamlMap().Add("annotations", new YamlMap().Add("rolloutdsl/title", text)));

        var back = new Manifests(YamlText.Write(new YamlNode[] { document })).Documents.Single();

        Assert.Equal(text, (string?)back["metadata"]!["annotations"]!["rolloutdsl/title"]);
    }

    [Fact]
    public void The_writer_quotes_every_string_another_yaml_reader_would_take_for_a_number_boolean_or_null()
    {
        var map = new YamlMap();
        var texts = new[] { "true", "no", "on", "Off", "null", "~", "12", "-3", "0.5", ".5", "1e5", "0x10", "0o7", ".inf", ".NaN", "1:30", "=", "<<" };
        for (var i = 0; i < texts.Length; i++) map.Add("k" + i, texts[i]);
        var json = YamlJson.Documents(YamlText.Write(new YamlNode[] { map }))[0];
        for (var i = 0; i < texts.Length; i++) Assert.Equal(System.Text.Json.JsonValueKind.String, json["k" + i]!.GetValueKind());
    }

    [Fact]
    public void The_file_is_named_after_the_plan_and_engine_and_starts_with_its_warnings()
    {
        var result = ExportSamples.Argo("new-checkout-flow");
        Assert.Equal("new-checkout-flow.argo-rollouts.yaml", result.FileName);
        var yaml = result.ToYaml();
        foreach (var warning in result.Warnings) Assert.Contains("# - " + warning, yaml);
        Assert.Equal("flagger", ExportSamples.Flagger("new-checkout-flow").Engine);
    }
}
