using System;
using Rollout.Dsl;
using Rollout.Export.Targets;

namespace Rollout.Export.Argo;

/// <summary><c>rollout export argo</c>: <see cref="ArgoExport"/> with the traffic router and scale-down policy only Argo Rollouts has.</summary>
public sealed class ArgoTarget() : KubernetesTarget("argo", ArgoExport.Engine,
    "an Argo Rollouts Rollout (canary over your Deployment) and its AnalysisTemplates",
    "rollout export argo rollout/new-checkout-flow.plan.json --workload Deployment/checkout --replicas 10 --prometheus http://prometheus.monitoring:9090 -o deploy/",
    TrafficRouterOption, ScaleDownOption)
{
    private static readonly ExportOption TrafficRouterOption = ExportOption.Text("--traffic-router", "router",
        "The router that sets exact weights: smi, nginx:<ingress>, istio:<virtual-service>, gateway-api:<http-route>, or none (default; weights by pod count).");

    private static readonly ExportOption ScaleDownOption = ExportOption.Text("--scale-down", "policy",
        "What happens to the Deployment the Rollout takes over: progressively (default; ends at 0 replicas), onsuccess, or never.");

    protected override Func<RolloutPlan, IExportFile> Prepare(KubernetesOptions cluster, ExportArguments arguments)
    {
        var argo = new ArgoOptions
        {
            TrafficRouter = arguments.Text(TrafficRouterOption) is { } router ? TrafficRouter.Parse(router) : TrafficRouter.None,
            ScaleDown = arguments.Text(ScaleDownOption) is { } policy ? ScaleDownPolicies.Parse(policy) : ScaleDownPolicy.Progressively,
        };
        return plan => ArgoExport.Export(plan, cluster, argo);
    }
}
