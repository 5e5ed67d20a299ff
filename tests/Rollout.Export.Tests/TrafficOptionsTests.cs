using System.Linq;
using Rollout.Export.Argo;
using Rollout.Export.Flagger;
using Rollout.Export.Tests.Infrastructure;

namespace Rollout.Export.Tests;

/// <summary>--traffic-router, --scale-down and --mesh-provider: CRD-valid manifests that make a weight mean what the plan says.</summary>
public class TrafficOptionsTests
{
    public static TheoryData<string> Routers => new() { "smi", "nginx:checkout", "istio:checkout", "gateway-api:checkout" };

    [SkippableTheory]
    [MemberData(nameof(Routers))]
    public void Each_router_is_valid_for_the_Rollout_CRD_and_names_its_services(string router)
    {
        Skip.IfNot(CrdSchemas.Available, CrdSchemas.SkipReason);
        var result = ArgoExport.Export(ExportSamples.Plan("new-checkout-flow"), ExportSamples.Options, new ArgoOptions { TrafficRouter = TrafficRouter.Parse(router) });
        var rollout = new Manifests(result.ToYaml()).Single("Rollout");
        var errors = CrdSchemas.Errors(rollout);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var canary = rollout["spec"]!["strategy"]!["canary"]!;
        Assert.Equal("checkout-stable", (string?)canary["stableService"]);
        Assert.Equal("checkout-canary", (string?)canary["canaryService"]);
        Assert.NotNull(canary["trafficRouting"]);
        // With a router 1 % is 1 % of requests: no pod-count warning is left.
        Assert.DoesNotContain(result.Warnings, w => w.Message.Contains("pod count"));
        Assert.Contains(result.Warnings, w => w.Subject == "traffic" && w.Kind == ExportWarningKind.Guarantee);
    }

    [Fact]
    public void The_gateway_api_router_is_argos_plugin_with_the_route_and_namespace()
    {
        var result = ArgoExport.Export(ExportSamples.Plan("new-checkout-flow"), ExportSamples.Options, new ArgoOptions { TrafficRouter = TrafficRouter.Parse("gateway-api:checkout-route") });
        var plugin = new Manifests(result.ToYaml()).Single("Rollout")["spec"]!["strategy"]!["canary"]!["trafficRouting"]!["plugins"]!["argoproj-labs/gatewayAPI"]!;
        Assert.Equal("checkout-route", (string?)plugin["httpRoute"]);
        Assert.Equal("shop", (string?)plugin["namespace"]);
    }

    [Theory]
    [InlineData("mesh", "--traffic-router 'mesh' is not a known router; write none, smi, nginx:<ingress>, istio:<virtual-service> or gateway-api:<http-route>.")]
    [InlineData("nginx", "--traffic-router nginx needs the object it edits: nginx:<ingress>, e.g. nginx:checkout.")]
    [InlineData("smi:split", "--traffic-router smi takes no object name; write smi.")]
    [InlineData("istio:Check_Out", "--traffic-router virtual-service 'Check_Out' is not a Kubernetes name (lower-case letters, digits and '-', at most 63 characters).")]
    public void A_bad_router_is_refused_with_what_to_write(string text, string message) =>
        Assert.Equal(message, Assert.Throws<ExportException>(() => TrafficRouter.Parse(text)).Message);

    [Theory]
    [InlineData(new[] { 1, 10, 100 }, 100)]
    [InlineData(new[] { 5, 50, 100 }, 20)]
    [InlineData(new[] { 25, 50, 100 }, 4)]
    [InlineData(new[] { 100 }, 1)]
    public void Without_a_router_the_export_names_the_replica_count_that_expresses_every_weight(int[] weights, int replicas) =>
        Assert.Equal(replicas, ArgoTraffic.ReplicasForExactWeights(weights));

    [Fact]
    public void Without_a_router_or_replicas_the_export_says_the_canary_takes_all_traffic()
    {
        var result = ArgoExport.Export(ExportSamples.Plan("new-checkout-flow"), ExportSamples.Options with { Replicas = null });
        var warning = Assert.Single(result.Warnings, w => w.Subject == "replicas");
        Assert.Equal(ExportWarningKind.Approximation, warning.Kind);
        Assert.Contains("a multiple of 100", warning.Message);
    }

    [Theory]
    [InlineData(ScaleDownPolicy.Progressively, "progressively", ExportWarningKind.Guarantee)]
    [InlineData(ScaleDownPolicy.OnSuccess, "onsuccess", ExportWarningKind.Approximation)]
    [InlineData(ScaleDownPolicy.Never, "never", ExportWarningKind.Approximation)]
    public void The_scale_down_policy_is_written_and_its_effect_stated(ScaleDownPolicy policy, string value, ExportWarningKind kind)
    {
        var result = ArgoExport.Export(ExportSamples.Plan("dark-mode-toggle"), ExportSamples.Options, new ArgoOptions { ScaleDown = policy });
        Assert.Equal(value, (string?)new Manifests(result.ToYaml()).Single("Rollout")["spec"]!["workloadRef"]!["scaleDown"]);
        Assert.Equal(kind, Assert.Single(result.Warnings, w => w.Subject == "workload").Kind);
        Assert.Equal(policy, ScaleDownPolicies.Parse(value));
    }

    [Fact]
    public void A_bad_scale_down_policy_is_refused() =>
        Assert.Equal("--scale-down 'always' is not a policy; write progressively (default), onsuccess or never.",
            Assert.Throws<ExportException>(() => ScaleDownPolicies.Parse("always")).Message);

    [SkippableFact]
    public void A_flagger_provider_is_written_and_valid_and_only_its_absence_or_kubernetes_is_warned()
    {
        Skip.IfNot(CrdSchemas.Available, CrdSchemas.SkipReason);
        var plan = ExportSamples.Plan("new-checkout-flow");
        var istio = FlaggerExport.Export(plan, ExportSamples.Options, new FlaggerOptions { MeshProvider = "istio" });
        var canary = new Manifests(istio.ToYaml()).Single("Canary");
        Assert.Equal("istio", (string?)canary["spec"]!["provider"]);
        Assert.Empty(CrdSchemas.Errors(canary));
        Assert.DoesNotContain(istio.Warnings, w => w.Subject == "provider");
        Assert.Contains(FlaggerExport.Export(plan, ExportSamples.Options).Warnings, w => w.Subject == "provider" && w.Message.Contains("names no provider"));
        Assert.Contains(FlaggerExport.Export(plan, ExportSamples.Options, new FlaggerOptions { MeshProvider = "kubernetes" }).Warnings, w => w.Subject == "provider" && w.Message.Contains("blue/green"));
        Assert.StartsWith("--mesh-provider 'mesh' is not a Flagger provider",
            Assert.Throws<ExportException>(() => FlaggerExport.Export(plan, ExportSamples.Options, new FlaggerOptions { MeshProvider = "mesh" })).Message);
    }
}
