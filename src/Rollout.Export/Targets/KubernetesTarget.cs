using System;
using System.Collections.Generic;
using Rollout.Dsl;

namespace Rollout.Export.Targets;

/// <summary>
/// What every Kubernetes target (an engine that runs canaries in the cluster) shares: the options that place the plan
/// (workload, service, namespace, Prometheus, replicas), read into <see cref="KubernetesOptions"/> and checked before the
/// plan is loaded, and one multi-document YAML file of manifests. A subclass adds its engine's own options and export.
/// </summary>
public abstract class KubernetesTarget : IExportTarget
{
    private static readonly ExportOption WorkloadOption = ExportOption.Text("--workload", "kind/name", "The workload the engine takes over, kind/name (default Deployment/<plan-id>).");

    private static readonly ExportOption ServiceOption = ExportOption.Text("--service", "name[:port]", "The Service in front of it, name[:port] (default <workload name>:80).");

    private static readonly ExportOption NamespaceOption = ExportOption.Text("--namespace", "name", "Namespace of every object (default: none, kubectl's current namespace).");

    // One name across commands (gate, simulate, backtest say --prometheus); the first spelling stays an alias.
    private static readonly ExportOption PrometheusOption = new(ExportOptionKind.Text, "--prometheus", "Prometheus base URL the engine queries (no credentials in it).")
    {
        HelpName = "url",
        Aliases = ["--prometheus-address"],
        Required = true,
    };

    private static readonly ExportOption ReplicasOption = ExportOption.Number("--replicas", "n", "Replica count of the workload (Argo Rollouts scales it once it takes over).");

    private readonly string _engine;
    private readonly string _what;

    /// <param name="name">The subcommand.</param>
    /// <param name="engine">The engine's name in the file name and the report (<c>argo-rollouts</c>).</param>
    /// <param name="what">What the file holds, for help: "a Flagger Canary and its MetricTemplates".</param>
    /// <param name="example">One whole command line.</param>
    /// <param name="own">The engine's own options, listed after the shared ones.</param>
    protected KubernetesTarget(string name, string engine, string what, string example, params IReadOnlyList<ExportOption> own)
    {
        Name = name;
        _engine = engine;
        _what = what;
        Example = example;
        Options = [WorkloadOption, ServiceOption, NamespaceOption, PrometheusOption, ReplicasOption, .. own];
    }

    public string Name { get; }

    public string Description => "Write " + _what + " for a plan, as one multi-document YAML file " + FileName("<plan-id>") + ".";

    public string Example { get; }

    public string NotExpressed => "kept only in annotations";

    public IReadOnlyList<ExportOption> Options { get; }

    public string FileName(string planId) => ExportResult.FileNameOf(planId, _engine);

    public Func<RolloutPlan, IExportFile> Prepare(ExportArguments arguments)
    {
        var cluster = new KubernetesOptions
        {
            Workload = arguments.Text(WorkloadOption) is { } workload ? Workload.Parse(workload) : null,
            Service = arguments.Text(ServiceOption) is { } service ? ServiceRef.Parse(service) : null,
            Namespace = arguments.Text(NamespaceOption),
            PrometheusAddress = arguments.Text(PrometheusOption) ?? "",
            Replicas = arguments.Number(ReplicasOption),
        };
        cluster.Validate();
        return Prepare(cluster, arguments);
    }

    /// <summary>Reads and checks the engine's own options; the export it returns places the plan by <paramref name="cluster"/>.</summary>
    protected abstract Func<RolloutPlan, IExportFile> Prepare(KubernetesOptions cluster, ExportArguments arguments);
}
