using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Rollout.Export.Plan;

namespace Rollout.Export;

/// <summary>
/// Where the plan runs on Kubernetes, what every Kubernetes target (Argo Rollouts, Flagger) needs: the team's workload,
/// its service, namespace, replica count and Prometheus. Each engine's own options are its own record
/// (<see cref="Argo.ArgoOptions"/>, <see cref="Flagger.FlaggerOptions"/>).
/// </summary>
public sealed record KubernetesOptions
{
    /// <summary>The existing workload the engine takes over; <c>Deployment/&lt;plan-id&gt;</c> when not given.</summary>
    public Workload? Workload { get; init; }

    /// <summary><see cref="Workload"/>, or the default for <paramref name="planId"/>: <c>Deployment/&lt;plan-id&gt;</c>.</summary>
    internal Workload WorkloadFor(string planId) => Workload ?? new Workload("Deployment", KubeName.Of(planId, "workload"));

    /// <summary>The Kubernetes Service in front of the workload (Flagger needs its port); the workload's name when not given.</summary>
    public ServiceRef? Service { get; init; }

    /// <summary>Namespace of every exported object; none means the namespace kubectl applies to.</summary>
    public string? Namespace { get; init; }

    /// <summary>The Prometheus base URL the engine queries, e.g. http://prometheus.monitoring:9090.</summary>
    public string PrometheusAddress { get; init; } = "";

    /// <summary>The workload's replica count (Argo Rollouts owns scaling once it takes over the workload).</summary>
    public int? Replicas { get; init; }

    private static readonly Regex DnsLabel = new("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant);

    private static readonly Regex DnsSubdomain = new("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant);

    /// <summary>Checks every option; the message names the option and what a valid value looks like.</summary>
    public void Validate()
    {
        if (Namespace is not null && !IsDnsLabel(Namespace))
            throw new ExportException("--namespace '" + Namespace + "' is not a Kubernetes namespace name (lower-case letters, digits and '-', at most 63 characters).");
        if (string.IsNullOrWhiteSpace(PrometheusAddress))
            throw new ExportException("--prometheus is required: the URL the engine queries, e.g. http://prometheus.monitoring:9090.");
        if (!IsHttpUrl(PrometheusAddress, out var uri))
            throw new ExportException("--prometheus '" + PrometheusAddress + "' is not an http(s) URL, e.g. http://prometheus.monitoring:9090.");
        if (uri.UserInfo.Length > 0)
            throw new ExportException("--prometheus: the address holds a user name or password, which would be written into the manifests; keep them in a Secret (Flagger: --prometheus-secret) and give the address without them.");
        if (Replicas is < 1)
            throw new ExportException("--replicas " + Replicas + " must be at least 1.");
    }

    internal static bool IsDnsLabel(string name) => name.Length <= 63 && DnsLabel.IsMatch(name);

    internal static bool IsDnsSubdomain(string name) => name.Length <= 253 && DnsSubdomain.IsMatch(name);

    /// <summary>Whether <paramref name="text"/> is an absolute http or https URL, the kind an engine in the cluster can call.</summary>
    internal static bool IsHttpUrl(string text, [NotNullWhen(true)] out Uri? uri) =>
        Uri.TryCreate(text, UriKind.Absolute, out uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

/// <summary>A workload by kind and name, written <c>Deployment/checkout</c>.</summary>
public sealed record Workload(string Kind, string Name)
{
    private static readonly string[] Kinds = { "Deployment", "DaemonSet" };

    public static Workload Parse(string text)
    {
        var slash = text.IndexOf('/');
        if (slash <= 0 || slash == text.Length - 1)
            throw new ExportException("--workload '" + text + "' is not kind/name, e.g. Deployment/checkout.");
        var kindText = text.Substring(0, slash);
        var name = text.Substring(slash + 1);
        var kind = Array.Find(Kinds, k => string.Equals(k, kindText, StringComparison.OrdinalIgnoreCase))
            ?? throw new ExportException("--workload kind '" + kindText + "' is not supported; use Deployment (or DaemonSet for Flagger).");
        if (!KubernetesOptions.IsDnsLabel(name))
            throw new ExportException("--workload name '" + name + "' is not a Kubernetes name (lower-case letters, digits and '-', at most 63 characters).");
        return new Workload(kind, name);
    }

    public override string ToString() => Kind + "/" + Name;
}

/// <summary>A Service by name and port, written <c>checkout:8080</c> (port 80 when left out).</summary>
public sealed record ServiceRef(string Name, int Port)
{
    public static ServiceRef Parse(string text)
    {
        var colon = text.IndexOf(':');
        var name = colon < 0 ? text : text.Substring(0, colon);
        var port = 80;
        if (colon >= 0 && (!int.TryParse(text.Substring(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
            throw new ExportException("--service '" + text + "' has no valid port; write name:port with a port from 1 to 65535, e.g. checkout:8080.");
        if (!KubernetesOptions.IsDnsLabel(name))
            throw new ExportException("--service name '" + name + "' is not a Kubernetes name (lower-case letters, digits and '-', at most 63 characters).");
        return new ServiceRef(name, port);
    }

    public override string ToString() => Name + ":" + Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
