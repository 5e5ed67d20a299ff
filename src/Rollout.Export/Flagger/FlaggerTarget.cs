using System;
using Rollout.Dsl;
using Rollout.Export.Targets;

namespace Rollout.Export.Flagger;

/// <summary><c>rollout export flagger</c>: <see cref="FlaggerExport"/> with the provider, Prometheus Secret and manual gate only Flagger has.</summary>
public sealed class FlaggerTarget() : KubernetesTarget(
    "flagger",
    FlaggerExport.Engine,
    "a Flagger Canary and its MetricTemplates",
    "rollout export flagger rollout/new-checkout-flow.plan.json --workload Deployment/checkout --service checkout:8080 --prometheus http://prometheus.monitoring:9090 -o deploy/",
    MeshProviderOption,
    PrometheusSecretOption,
    GateUrlOption)
{
    private static readonly ExportOption MeshProviderOption = new(ExportOptionKind.Text, "--mesh-provider",
        "The Canary's provider (istio, linkerd, nginx, gatewayapi:v1, …; default: none, the provider Flagger was started with).") { HelpName = "provider" };

    private static readonly ExportOption PrometheusSecretOption = new(ExportOptionKind.Text, "--prometheus-secret",
        "The Kubernetes Secret (keys username, password) the MetricTemplates' provider authenticates with.") { HelpName = "name" };

    private static readonly ExportOption GateUrlOption = new(ExportOptionKind.Text, "--gate-url",
        "URL of the manual gate a person opens to pass the point of no return (default: the flagger-loadtester gate).") { HelpName = "url" };

    protected override Func<RolloutPlan, IExportFile> Prepare(KubernetesOptions cluster, ExportArguments arguments)
    {
        var flagger = new FlaggerOptions
        {
            MeshProvider = arguments.Text(MeshProviderOption),
            PrometheusSecret = arguments.Text(PrometheusSecretOption),
            GateUrl = arguments.Text(GateUrlOption),
        };
        flagger.Validate();
        return plan => FlaggerExport.Export(plan, cluster, flagger);
    }
}
