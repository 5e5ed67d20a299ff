using System;
using Rollout.Dsl;
using Rollout.Export.Targets;

namespace Rollout.Export.Flagger;

/// <summary><c>rollout export flagger</c>: <see cref="FlaggerExport"/> with the provider, Prometheus Secret and manual gate only Flagger has.</summary>
public sealed class FlaggerTarget() : KubernetesTarget("flagger", FlaggerExport.Engine,
    "a Flagger Canary and its MetricTemplates",
    "rollout export flagger rollout/new-checkout-flow.plan.json --workload Deployment/checkout --service checkout:8080 --prometheus http://prometheus.monitoring:9090 -o deploy/",
    MeshProvider, PrometheusSecret, GateUrl)
{
    private static readonly ExportOption MeshProvider = ExportOption.Text("--mesh-provider", "provider",
        "The Canary's provider (istio, linkerd, nginx, gatewayapi:v1, …; default: none, the provider Flagger was started with).");
    private static readonly ExportOption PrometheusSecret = ExportOption.Text("--prometheus-secret", "name",
        "The Kubernetes Secret (keys username, password) the MetricTemplates' provider authenticates with.");
    private static readonly ExportOption GateUrl = ExportOption.Text("--gate-url", "url",
        "URL of the manual gate a person opens to pass the point of no return (default: the flagger-loadtester gate).");

    protected override Func<RolloutPlan, IExportFile> Prepare(KubernetesOptions cluster, ExportArguments arguments)
    {
        var flagger = new FlaggerOptions { MeshProvider = arguments.Text(MeshProvider), PrometheusSecret = arguments.Text(PrometheusSecret), GateUrl = arguments.Text(GateUrl) };
        flagger.Validate(); // before the plan is loaded: a bad value is the option's error, not the plan's
        return plan => FlaggerExport.Export(plan, cluster, flagger);
    }
}
