using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Text.Json;
using Rollout.Cli.Hosting;
using Rollout.Plans;
using Rollout.Cli.Reports;
using Rollout.Dsl.Rendering.Markdown;
using Rollout.Dsl.Text;
using Rollout.Export;
using Rollout.Export.Argo;
using Rollout.Export.Flagger;

namespace Rollout.Cli.Commands;

/// <summary>
/// <c>rollout export argo|flagger &lt;plan.json&gt; -o &lt;dir&gt;</c>: the plan as the manifests of a progressive-delivery engine,
/// every object in one multi-document file <c>&lt;plan-id&gt;.&lt;engine&gt;.yaml</c>, plus the warnings for what the engine
/// cannot express or only approximates.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var export = new Command("export",
            "Turn a plan file into the manifests of a progressive-delivery engine: Argo Rollouts or Flagger.\n"
            + "Everything the engine cannot express is kept in annotations and printed as a warning.")
        {
            Engine("argo", ArgoExport.Engine, "an Argo Rollouts Rollout (canary over your Deployment) and its AnalysisTemplates",
                ArgoExport.Export, "rollout export argo rollout/new-checkout-flow.plan.json --workload Deployment/checkout --replicas 10 --prometheus http://prometheus.monitoring:9090 -o deploy/"),
            Engine("flagger", FlaggerExport.Engine, "a Flagger Canary and its MetricTemplates",
                FlaggerExport.Export, "rollout export flagger rollout/new-checkout-flow.plan.json --workload Deployment/checkout --service checkout:8080 --prometheus http://prometheus.monitoring:9090 -o deploy/"),
        };
        return export;
    }

    private static Command Engine(string name, string engine, string what, Func<Rollout.Dsl.RolloutPlan, ExportOptions, ExportResult> exporter, string example)
    {
        var plan = PathArgument.One("plan", "The <plan-id>.plan.json file.");
        var output = new Option<string>("--output", "-o") { Description = "Folder to write <plan-id>." + engine + ".yaml into (created if missing).", HelpName = "dir", Required = true };
        var workload = new Option<string?>("--workload") { Description = "The workload the engine takes over, kind/name (default Deployment/<plan-id>).", HelpName = "kind/name" };
        var service = new Option<string?>("--service") { Description = "The Service in front of it, name[:port] (default <workload name>:80).", HelpName = "name[:port]" };
        var ns = new Option<string?>("--namespace") { Description = "Namespace of every object (default: none, kubectl's current namespace).", HelpName = "name" };
        // One name across commands (gate, simulate, backtest say --prometheus); the first spelling stays an alias.
        var prometheus = new Option<string>("--prometheus", "--prometheus-address") { Description = "Prometheus base URL the engine queries (no credentials in it).", HelpName = "url", Required = true };
        var prometheusSecret = new Option<string?>("--prometheus-secret") { Description = "Flagger: the Kubernetes Secret (keys username, password) the MetricTemplates' provider authenticates with.", HelpName = "name" };
        var replicas = new Option<int?>("--replicas") { Description = "Replica count of the workload (Argo Rollouts scales it once it takes over).", HelpName = "n" };
        var gateUrl = new Option<string?>("--gate-url") { Description = "Flagger: URL of the manual gate a person opens to pass the point of no return (default: the flagger-loadtester gate).", HelpName = "url" };
        var trafficRouter = new Option<string?>("--traffic-router") { Description = "Argo Rollouts: the router that sets exact weights: smi, nginx:<ingress>, istio:<virtual-service>, gateway-api:<http-route>, or none (default; weights by pod count).", HelpName = "router" };
        var scaleDown = new Option<string?>("--scale-down") { Description = "Argo Rollouts: what happens to the Deployment it takes over: progressively (default; ends at 0 replicas), onsuccess, or never.", HelpName = "policy" };
        var meshProvider = new Option<string?>("--mesh-provider") { Description = "Flagger: the Canary's provider (istio, linkerd, nginx, gatewayapi:v1, …; default: none, the provider Flagger was started with).", HelpName = "provider" };
        var strict = new Option<string?>("--strict")
        {
            Description = "Refuse an export the engine would run differently from the plan: exit 1 and write nothing. --strict=all also refuses what the engine cannot express (kept only in annotations).",
            HelpName = "all",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var format = new FormatOption();
        var command = new Command(name,
            "Write " + what + " for a plan, as one multi-document YAML file <plan-id>." + engine + ".yaml.\n"
            + "Exit codes: 0 written (warnings printed), 1 refused by --strict (nothing written), 2 unusable input (nothing written).\n"
            + "Example: " + example)
        {
            plan, output, workload, service, ns, prometheus, replicas, gateUrl, strict, format,
        };
        if (engine == ArgoExport.Engine)
        {
            command.Options.Add(trafficRouter);
            command.Options.Add(scaleDown);
        }
        else
        {
            command.Options.Add(meshProvider);
            command.Options.Add(prometheusSecret);
        }
        return command.WithAction(context =>
        {
            var folder = context.Get(output);
            if (File.Exists(folder)) throw new UserError(folder + ": is a file, not a folder; pass the folder to write into with -o.");
            var refuseKinds = StrictKinds(context.Parse, strict);
            ExportResult result;
            try
            {
                var options = new ExportOptions
                {
                    Workload = context.Parse.GetValue(workload) is { } w ? Workload.Parse(w) : null,
                    Service = context.Parse.GetValue(service) is { } s ? ServiceRef.Parse(s) : null,
                    Namespace = context.Parse.GetValue(ns),
                    PrometheusAddress = context.Get(prometheus),
                    Replicas = context.Parse.GetValue(replicas),
                    GateUrl = context.Parse.GetValue(gateUrl),
                    MeshProvider = context.Parse.GetValue(meshProvider),
                    PrometheusSecret = context.Parse.GetValue(prometheusSecret),
                    TrafficRouter = context.Parse.GetValue(trafficRouter) is { } r ? TrafficRouter.Parse(r) : TrafficRouter.None,
                    ScaleDown = context.Parse.GetValue(scaleDown) is { } d ? ScaleDownPolicies.Parse(d) : ScaleDownPolicy.Progressively,
                };
                options.Validate();
                var loaded = PlanFiles.Load(context.Get(plan));
                try
                {
                    result = exporter(loaded.Plan, options);
                }
                catch (ExportException problem)
                {
                    throw new UserError(loaded.File + ": " + problem.Message);
                }
            }
            catch (ExportException problem)
            {
                throw new UserError(problem.Message);
            }

            var refused = result.Warnings.Any(w => refuseKinds.Contains(w.Kind));
            var path = Path.Combine(folder, result.FileName);
            if (!refused)
            {
                // Like mkdir -p, and only once the export is sure: a refused or failed export leaves no folder behind.
                CreateFolder(folder);
                AtomicFile.Write(path, result.ToYaml());
            }
            ReportOutput.Write(context, new ExportReport(result, refused ? null : path, refused), format.Read(context));
            return refused ? ExitCodes.Findings : ExitCodes.Ok;
        });
    }

    /// <summary>The warning kinds --strict refuses: none without it, approximations with it, and not-expressed too with --strict=all.</summary>
    private static ExportWarningKind[] StrictKinds(System.CommandLine.ParseResult parse, Option<string?> strict)
    {
        if (parse.GetResult(strict) is null) return [];
        return parse.GetValue(strict) switch
        {
            null or "" => [ExportWarningKind.Approximation],
            "all" => [ExportWarningKind.Approximation, ExportWarningKind.NotExpressed],
            var other => throw new UserError("--strict: '" + other + "' is not a level; write --strict (refuse what the engine runs differently) or --strict=all (also what it cannot express)."),
        };
    }

    private static void CreateFolder(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserError(folder + ": cannot create the output folder (" + error.Message.TrimEnd('.') + ").", error);
        }
    }

    private sealed class ExportReport(ExportResult result, string? written, bool refused) : IReport
    {
        public void WriteText(TextWriter output)
        {
            foreach (var warning in result.Warnings) output.Write(MarkdownText.OneLine("warning: " + warning) + "\n");
            output.Write(Summary() + "\n");
        }

        public void WriteMarkdown(TextWriter output)
        {
            var text = new System.Text.StringBuilder("### rollout export " + result.Engine + "\n\n" + MarkdownText.Escape(Summary()) + "\n\n");
            var table = new MarkdownTable("kind", "subject", "warning");
            foreach (var warning in result.Warnings) table.Row(warning.KindName, warning.Subject, warning.Message);
            if (result.Warnings.Count > 0) table.WriteTo(text);
            output.Write(text.ToString());
        }

        public void WriteJson(Utf8JsonWriter json)
        {
            json.WriteStartObject();
            json.WriteString("engine", result.Engine);
            json.WriteString("plan", result.PlanId);
            if (written is null) json.WriteNull("file");
            else json.WriteString("file", written);
            json.WriteBoolean("refused", refused);
            json.WriteList("objects", result.Objects, item => new[] { ("apiVersion", item.ApiVersion), ("kind", item.Kind), ("name", (string?)item.Name) });
            json.WriteList("warnings", result.Warnings, warning => new[] { ("kind", warning.KindName), ("subject", warning.Subject), ("message", (string?)warning.Message) });
            json.WriteEndObject();
        }

        private string Summary()
        {
            var approximations = result.Warnings.Count(w => w.Kind == ExportWarningKind.Approximation);
            var objects = string.Join(", ", result.Objects.GroupBy(o => o.Kind).Select(g => g.Count() + " " + g.Key));
            var notExpressed = result.Warnings.Count(w => w.Kind == ExportWarningKind.NotExpressed);
            return refused
                ? approximations > 0
                    ? "--strict: " + result.Engine + " only approximates plan '" + result.PlanId + "' (" + approximations + " approximation(s) above); nothing written."
                    : "--strict=all: " + result.Engine + " cannot express all of plan '" + result.PlanId + "' (" + notExpressed + " not-expressed warning(s) above); nothing written."
                : "wrote " + written + " (" + objects + "; " + result.Warnings.Count + " warning(s), " + approximations + " approximation(s)).";
        }
    }
}
