using System;

namespace Rollout.Export.Flagger;

/// <summary>What only Flagger needs beyond <see cref="KubernetesOptions"/>: its provider, Prometheus credentials and the manual gate.</summary>
public sealed record FlaggerOptions
{
    /// <summary>
    /// The Kubernetes Secret the MetricTemplates' Prometheus provider reads credentials from (<c>spec.provider.secretRef</c>);
    /// Flagger sends its <c>username</c> and <c>password</c> keys as basic auth.
    /// </summary>
    public string? PrometheusSecret { get; init; }

    /// <summary>The Canary's <c>spec.provider</c> (istio, linkerd, nginx, gatewayapi:v1…); none means the mesh provider Flagger was started with.</summary>
    public string? MeshProvider { get; init; }

    /// <summary>The URL of the manual gate a person opens to pass the point of no return.</summary>
    public string? GateUrl { get; init; }

    /// <summary>The values the Flagger Canary CRD (v1.44.0) accepts for spec.provider.</summary>
    public static readonly string[] Providers =
    {
        "apisix", "appmesh", "appmesh:v1beta2", "contour", "gatewayapi:v1", "gatewayapi:v1beta1", "gloo", "istio", "knative",
        "kubernetes", "kuma", "linkerd", "nginx", "osm", "skipper", "smi:v1alpha1", "smi:v1alpha2", "smi:v1alpha3", "traefik",
    };

    /// <summary>Checks every option; the message names the option and what a valid value looks like.</summary>
    public void Validate()
    {
        if (PrometheusSecret is not null && !KubernetesOptions.IsDnsSubdomain(PrometheusSecret))
            throw new ExportException("--prometheus-secret '" + PrometheusSecret + "' is not a Kubernetes Secret name (lower-case letters, digits, '-' and '.', at most 253 characters).");
        if (MeshProvider is not null && Array.IndexOf(Providers, MeshProvider) < 0)
            throw new ExportException("--mesh-provider '" + MeshProvider + "' is not a Flagger provider; write one of " + string.Join(", ", Providers) + ".");
        if (GateUrl is not null && !KubernetesOptions.IsHttpUrl(GateUrl, out _))
            throw new ExportException("--gate-url '" + GateUrl + "' is not an http(s) URL.");
    }
}
