using System;
using System.Collections.Generic;
using System.Linq;
using Rollout.Dsl.Text;
using Rollout.Export.Plan;
using Rollout.Export.Yaml;

namespace Rollout.Export.Argo;

/// <summary>How the Rollout reaches each stage's weight: a traffic router (exact), or pod counts (as fine as the replicas).</summary>
public static class ArgoTraffic
{
    /// <summary>The Argo Rollouts plugin name of the Gateway API router (argoproj-labs/rollouts-plugin-trafficrouter-gatewayapi).</summary>
    public const string GatewayApiPlugin = "argoproj-labs/gatewayAPI";

    /// <summary>
    /// Adds canaryService, stableService and trafficRouting to <paramref name="canary"/> for a router; with one, every
    /// setWeight is the share of requests the router sends to the canary, whatever the pod counts.
    /// </summary>
    internal static void Route(YamlMap canary, KubernetesOptions options, TrafficRouter router, string serviceName, List<ExportWarning> warnings)
    {
        if (router.Kind == TrafficRouterKind.None) return;
        var stable = serviceName + "-stable";
        var canaryService = serviceName + "-canary";
        var routing = router.Kind switch
        {
            TrafficRouterKind.Nginx => new YamlMap().Add("nginx", new YamlMap().Add("stableIngress", router.ObjectName)),
            TrafficRouterKind.Istio => new YamlMap().Add("istio", new YamlMap().Add("virtualService", new YamlMap().Add("name", router.ObjectName))),
            TrafficRouterKind.Smi => new YamlMap().Add("smi", new YamlMap().Add("rootService", serviceName)),
            _ => new YamlMap().Add("plugins", new YamlMap().Add(GatewayApiPlugin, new YamlMap().Add("httpRoute", router.ObjectName).Add("namespace", options.Namespace))),
        };
        canary.Add("canaryService", canaryService).Add("stableService", stable).Add("trafficRouting", routing);
        warnings.Add(new ExportWarning(ExportWarningKind.Guarantee, "traffic",
            "router " + router + " sets each stage's weight as a share of requests; Services " + stable + " and " + canaryService
            + " must exist with the workload's selector (Argo adds the pod-template hash to each)"
            + (router.Kind == TrafficRouterKind.GatewayApi ? ", and the controller must have the plugin " + GatewayApiPlugin + " configured" : "") + "."));
    }

    /// <summary>
    /// Without a router Argo approximates a weight by the canary's share of pods (utils/replicaset/canary.go
    /// CalculateReplicaCountsForBasicCanary → approximateWeightedCanaryStableReplicaCounts, which picks the floor or ceiling
    /// of weight × replicas / 100, never 0 for a weight of 1–99 with 2+ replicas) and the Service spreads requests over
    /// pods; a weight is exact only when weight × replicas / 100 is whole.
    /// </summary>
    internal static IEnumerable<ExportWarning> PodCountWarnings(PlanShape shape, KubernetesOptions options, TrafficRouter router)
    {
        if (router.Kind != TrafficRouterKind.None) yield break;
        var weights = shape.Stages.Select(shape.Weight).ToList();
        var exact = ReplicasForExactWeights(weights);
        if (options.Replicas is not { } replicas)
        {
            yield return new ExportWarning(ExportWarningKind.Approximation, "replicas",
                "--replicas was not given, so the Rollout runs Argo's default of 1 replica and any stage below 100 % sends all traffic to the canary; give --traffic-router for exact weights, or --replicas (a multiple of "
                + exact + " sets every stage's weight by pod count exactly).");
            yield break;
        }
        foreach (var stage in shape.Stages)
        {
            var weight = shape.Weight(stage);
            var pods = (int)Math.Ceiling(weight * replicas / 100.0);
            if (pods * 100 == weight * replicas) continue;
            yield return new ExportWarning(ExportWarningKind.Approximation, "stage " + stage.Stage.Name,
                "without a traffic router Argo sets weights by pod count: " + weight + " % of " + replicas + " replicas is " + pods
                + " canary pod(s), about " + Invariant.Number(Math.Round(pods * 100.0 / replicas, 1)) + " % of traffic; give --traffic-router for exact weights, or --replicas a multiple of " + exact + ".");
        }
    }

    /// <summary>The least replica count at which every weight is a whole number of pods: lcm of 100 / gcd(weight, 100).</summary>
    public static int ReplicasForExactWeights(IEnumerable<int> weights) =>
        weights.Select(w => 100 / Gcd(w, 100)).Aggregate(1, (a, b) => a / Gcd(a, b) * b);

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
