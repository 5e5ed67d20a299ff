using System;
using System.Collections.Generic;
using System.Linq;
using Rollout.Dsl;
using Rollout.Export.Argo;
using Rollout.Export.Flagger;
using Rollout.Export.Flags;
using Rollout.Export.Targets;
using Rollout.Export.Tests.Infrastructure;

namespace Rollout.Export.Tests;

/// <summary>
/// The export targets as a library host sees them (no command line): the registry refuses clashing names, each built-in
/// target gives the bytes of its engine's entry point, and option values are read with the kind they were declared with.
/// </summary>
public sealed class ExportTargetsTests
{
    [Fact]
    public void The_tool_ships_four_targets_in_help_order()
    {
        Assert.Equal(["argo", "flagger", "flagd", "feature-management"], ExportTargets.Builtin.All.Select(t => t.Name));
    }

    [Theory]
    [InlineData("new-checkout-flow")]
    [InlineData("contact-dedup-job")]
    [InlineData("dark-mode-toggle")]
    public void Each_kubernetes_target_writes_what_its_engine_entry_point_writes(string id)
    {
        var plan = ExportSamples.Plan(id);
        var argo = Target("argo");
        var arguments = Placement(argo).Set(Option(argo, "--traffic-router"), "istio:checkout").Set(Option(argo, "--scale-down"), "never");
        var fromTarget = argo.Prepare(arguments)(plan);
        var direct = ArgoExport.Export(plan, ExportSamples.Options, new ArgoOptions { TrafficRouter = TrafficRouter.Parse("istio:checkout"), ScaleDown = ScaleDownPolicy.Never });
        Assert.Equal(direct.ToYaml(), fromTarget.Text());
        Assert.Equal(direct.FileName, fromTarget.FileName);
        Assert.Equal(direct.FileName, argo.FileName(plan.Id));

        var flagger = Target("flagger");
        var flaggerArguments = Placement(flagger).Set(Option(flagger, "--mesh-provider"), "linkerd").Set(Option(flagger, "--gate-url"), "http://gate.shop.svc/open");
        var flaggerFile = flagger.Prepare(flaggerArguments)(plan);
        var flaggerDirect = FlaggerExport.Export(plan, ExportSamples.Options, new FlaggerOptions { MeshProvider = "linkerd", GateUrl = "http://gate.shop.svc/open" });
        Assert.Equal(flaggerDirect.ToYaml(), flaggerFile.Text());
        Assert.Equal(flaggerDirect.Warnings, flaggerFile.Warnings);
    }

    [Theory]
    [InlineData("flagd")]
    [InlineData("feature-management")]
    public void Each_flag_target_writes_what_its_static_entry_point_writes(string name)
    {
        var target = Target(name);
        Func<RolloutPlan, FlagExportRequest, FlagExportResult> entry = name == "flagd" ? FlagdExport.Export : FeatureManagementExport.Export;
        var plan = ExportSamples.Plan("new-checkout-flow");
        foreach (var stage in plan.Stages.Select(s => s.Name))
        {
            var file = target.Prepare(new ExportArguments().Set(Option(target, "--stage"), stage))(plan);
            Assert.Equal(entry(plan, new FlagExportRequest(null, stage)).Json, file.Text());
        }
        var rollback = target.Prepare(new ExportArguments().Set(Option(target, "--rollback"), true).Set(Option(target, "--flag"), "OTHER"))(plan);
        Assert.Equal(entry(plan, new FlagExportRequest("OTHER", null)).Json, rollback.Text());
        Assert.Equal(plan.Id + "." + name + ".json", rollback.FileName);
    }

    [Fact]
    public void Options_are_checked_before_a_plan_is_seen()
    {
        var argo = Target("argo");
        var bad = Placement(argo).Set(Option(argo, "--replicas"), 0);
        Assert.Equal("--replicas 0 must be at least 1.", Assert.Throws<ExportException>(() => argo.Prepare(bad)).Message);
        var flagger = Target("flagger");
        Assert.StartsWith("--mesh-provider 'mesh' is not a Flagger provider",
            Assert.Throws<ExportException>(() => flagger.Prepare(Placement(flagger).Set(Option(flagger, "--mesh-provider"), "mesh"))).Message, StringComparison.Ordinal);
        Assert.Equal("pass --stage NAME (the stage to write) or --rollback (the flag off for everyone).",
            Assert.Throws<ExportException>(() => Target("flagd").Prepare(new ExportArguments())).Message);
    }

    [Fact]
    public void An_option_declared_twice_is_refused_at_registration()
    {
        var twice = new Declaring(new ExportOption(ExportOptionKind.Text, "--colour", "a colour"), new ExportOption(ExportOptionKind.Switch, "--colour", "again"));
        Assert.Equal("export target 'declaring' declares option --colour twice.", Assert.Throws<InvalidOperationException>(() => ExportTargets.Builtin.With(twice)).Message);

        var aliased = new Declaring(new ExportOption(ExportOptionKind.Text, "--colour", "a colour"), new ExportOption(ExportOptionKind.Text, "--color", "a color") { Aliases = ["--colour"] });
        Assert.Equal("export target 'declaring' declares option --colour twice.", Assert.Throws<InvalidOperationException>(() => new ExportTargets(aliased)).Message);

        var unnamed = new Declaring(new ExportOption(ExportOptionKind.Text, "colour", "no dashes"));
        Assert.Contains("option 'colour' is not an option name", Assert.Throws<InvalidOperationException>(() => new ExportTargets(unnamed)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_target_name_registered_twice_or_not_a_command_name_is_refused()
    {
        Assert.Equal("export target 'argo' is registered twice; each target needs its own name.",
            Assert.Throws<InvalidOperationException>(() => ExportTargets.Builtin.With(new ArgoTarget())).Message);
        Assert.StartsWith("export target 'Argo Two'",
            Assert.Throws<InvalidOperationException>(() => new ExportTargets(new Declaring { Name = "Argo Two" })).Message, StringComparison.Ordinal);
        Assert.Equal(["declaring"], new ExportTargets(new Declaring()).All.Select(t => t.Name));
    }

    [Fact]
    public void A_value_is_read_with_the_kind_its_option_declares()
    {
        var text = new ExportOption(ExportOptionKind.Text, "--name", "a name");
        var number = new ExportOption(ExportOptionKind.Number, "--count", "a count");
        var flag = new ExportOption(ExportOptionKind.Switch, "--on", "a switch");
        var arguments = new ExportArguments().Set(text, "x").Set(number, 3);

        Assert.Equal(("x", 3, false), (arguments.Text(text), arguments.Number(number), arguments.Switch(flag)));
        Assert.Throws<ArgumentException>(() => arguments.Set(number, "3"));
        Assert.Throws<InvalidOperationException>(() => arguments.Text(number));
        Assert.Null(new ExportArguments().Text(text));
    }

    private static IExportTarget Target(string name) => ExportTargets.Builtin.All.Single(t => t.Name == name);

    private static ExportOption Option(IExportTarget target, string spelling) => target.Options.Single(o => o.Spellings.Contains(spelling));

    /// <summary>The values of <see cref="ExportSamples.Options"/>, given the way a host gives them: as option values.</summary>
    private static ExportArguments Placement(IExportTarget target) => new ExportArguments()
        .Set(Option(target, "--workload"), "Deployment/checkout")
        .Set(Option(target, "--service"), "checkout:8080")
        .Set(Option(target, "--namespace"), "shop")
        .Set(Option(target, "--prometheus-address"), "http://prometheus.monitoring:9090")
        .Set(Option(target, "--replicas"), 10);

    /// <summary>A target that declares what it is given, to test what registration refuses.</summary>
    private sealed class Declaring(params ExportOption[] options) : IExportTarget
    {
        public string Name { get; init; } = "declaring";

        public string Description => "declares options";

        public string Example => "rollout export declaring plan.json -o out/";

        public string NotExpressed => "everything";

        public IReadOnlyList<ExportOption> Options => options;

        public string FileName(string planId) => planId + ".txt";

        public Func<RolloutPlan, IExportFile> Prepare(ExportArguments arguments) => throw new NotSupportedException("registration only");
    }
}
