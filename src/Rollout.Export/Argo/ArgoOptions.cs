namespace Rollout.Export.Argo;

/// <summary>What only Argo Rollouts needs beyond <see cref="KubernetesOptions"/>: how traffic is split and what becomes of the workload.</summary>
public sealed record ArgoOptions
{
    /// <summary>The router that splits traffic by weight; <see cref="TrafficRouter.None"/> splits by pod count.</summary>
    public TrafficRouter TrafficRouter { get; init; } = TrafficRouter.None;

    /// <summary>What happens to the Deployment the Rollout takes over (default: progressively).</summary>
    public ScaleDownPolicy ScaleDown { get; init; } = ScaleDownPolicy.Progressively;
}
