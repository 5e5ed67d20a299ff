using System;

namespace Rollout.Export;

/// <summary>Which traffic router splits requests between the stable and the canary version (Argo Rollouts).</summary>
public enum TrafficRouterKind
{
    /// <summary>No router: Argo reaches a weight by pod counts, so a weight is only as fine as the replica count.</summary>
    None,
    /// <summary>NGINX Ingress: a canary Ingress beside the team's own (<c>trafficRouting.nginx.stableIngress</c>).</summary>
    Nginx,
    /// <summary>Istio: the weights of a VirtualService's routes (<c>trafficRouting.istio.virtualService</c>).</summary>
    Istio,
    /// <summary>SMI: a TrafficSplit Argo creates and owns (<c>trafficRouting.smi</c>).</summary>
    Smi,
    /// <summary>Gateway API through Argo's plugin <c>argoproj-labs/gatewayAPI</c>: the weights of an HTTPRoute's backends.</summary>
    GatewayApi,
}

/// <summary>
/// A traffic router and the object it edits, written <c>nginx:&lt;ingress&gt;</c>, <c>istio:&lt;virtual-service&gt;</c>,
/// <c>gateway-api:&lt;http-route&gt;</c>, <c>smi</c> or <c>none</c>.
/// </summary>
public sealed record TrafficRouter(TrafficRouterKind Kind, string? ObjectName)
{
    public static TrafficRouter None { get; } = new(TrafficRouterKind.None, null);

    private const string Forms = "none, smi, nginx:<ingress>, istio:<virtual-service> or gateway-api:<http-route>";

    public static TrafficRouter Parse(string text)
    {
        var colon = text.IndexOf(':');
        var kindText = colon < 0 ? text : text.Substring(0, colon);
        var name = colon < 0 ? null : text.Substring(colon + 1);
        var kind = kindText.ToLowerInvariant() switch
        {
            "none" => TrafficRouterKind.None,
            "smi" => TrafficRouterKind.Smi,
            "nginx" => TrafficRouterKind.Nginx,
            "istio" => TrafficRouterKind.Istio,
            "gateway-api" => TrafficRouterKind.GatewayApi,
            _ => throw new ExportException("--traffic-router '" + text + "' is not a known router; write " + Forms + "."),
        };
        var needsName = kind is TrafficRouterKind.Nginx or TrafficRouterKind.Istio or TrafficRouterKind.GatewayApi;
        if (needsName && string.IsNullOrEmpty(name))
            throw new ExportException("--traffic-router " + kindText + " needs the object it edits: " + kindText + ":<" + ObjectKind(kind) + ">, e.g. " + kindText + ":checkout.");
        if (!needsName && name is not null)
            throw new ExportException("--traffic-router " + kindText + " takes no object name; write " + kindText + ".");
        if (name is not null && !KubernetesOptions.IsDnsLabel(name))
            throw new ExportException("--traffic-router " + ObjectKind(kind) + " '" + name + "' is not a Kubernetes name (lower-case letters, digits and '-', at most 63 characters).");
        return new TrafficRouter(kind, name);
    }

    private static string ObjectKind(TrafficRouterKind kind) => kind switch
    {
        TrafficRouterKind.Nginx => "ingress",
        TrafficRouterKind.Istio => "virtual-service",
        _ => "http-route",
    };

    public override string ToString() => Kind switch
    {
        TrafficRouterKind.None => "none",
        TrafficRouterKind.Smi => "smi",
        TrafficRouterKind.Nginx => "nginx:" + ObjectName,
        TrafficRouterKind.Istio => "istio:" + ObjectName,
        _ => "gateway-api:" + ObjectName,
    };
}

/// <summary>
/// What Argo Rollouts does with the Deployment a Rollout takes over (<c>workloadRef.scaleDown</c>), values as in
/// argo-rollouts pkg/apis/rollouts/v1alpha1/types.go (ScaleDownNever, ScaleDownOnSuccess, ScaleDownProgressively).
/// </summary>
public enum ScaleDownPolicy
{
    /// <summary><c>progressively</c> (the export's default): the Deployment shrinks as the Rollout's pods become ready and ends at 0.</summary>
    Progressively,
    /// <summary><c>onsuccess</c>: the Deployment keeps all its pods until the Rollout is healthy, then goes to 0.</summary>
    OnSuccess,
    /// <summary><c>never</c> (Argo's own default): the Deployment keeps serving beside the Rollout.</summary>
    Never,
}

public static class ScaleDownPolicies
{
    public static string Name(ScaleDownPolicy policy) => policy switch
    {
        ScaleDownPolicy.Progressively => "progressively",
        ScaleDownPolicy.OnSuccess => "onsuccess",
        _ => "never",
    };

    public static ScaleDownPolicy Parse(string text) => text.ToLowerInvariant() switch
    {
        "progressively" => ScaleDownPolicy.Progressively,
        "onsuccess" => ScaleDownPolicy.OnSuccess,
        "never" => ScaleDownPolicy.Never,
        _ => throw new ExportException("--scale-down '" + text + "' is not a policy; write progressively (default), onsuccess or never."),
    };
}
