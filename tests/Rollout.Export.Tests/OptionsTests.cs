using System;
using System.Linq;
using Rollout.Dsl;
using Rollout.Export.Argo;
using Rollout.Export.Flagger;
using Rollout.Export.Tests.Infrastructure;

namespace Rollout.Export.Tests;

/// <summary>Bad options and unready plans are refused with one line that names the option and what to write.</summary>
public class OptionsTests
{
    [Theory]
    [InlineData("checkout", "--workload 'checkout' is not kind/name, e.g. Deployment/checkout.")]
    [InlineData("StatefulSet/db", "--workload kind 'StatefulSet' is not supported; use Deployment (or DaemonSet for Flagger).")]
    [InlineData("Deployment/Check_Out", "--workload name 'Check_Out' is not a Kubernetes name (lower-case letters, digits and '-', at most 63 characters).")]
    public void A_bad_workload_is_refused(string text, string message) =>
        Assert.Equal(message, Assert.Throws<ExportException>(() => Workload.Parse(text)).Message);

    [Fact]
    public void A_workload_parses_case_insensitively() => Assert.Equal(new Workload("Deployment", "checkout"), Workload.Parse("deployment/checkout"));

    [Theory]
    [InlineData("checkout:http", "--service 'checkout:http' has no valid port; write name:port with a port from 1 to 65535, e.g. checkout:8080.")]
    [InlineData("checkout:70000", "--service 'checkout:70000' has no valid port; write name:port with a port from 1 to 65535, e.g. checkout:8080.")]
    [InlineData("Checkout", "--service name 'Checkout' is not a Kubernetes name (lower-case letters, digits and '-', at most 63 characters).")]
    public void A_bad_service_is_refused(string text, string message) =>
        Assert.Equal(message, Assert.Throws<ExportException>(() => ServiceRef.Parse(text)).Message);

    [Fact]
    public void A_service_without_port_gets_80() => Assert.Equal(new ServiceRef("checkout", 80), ServiceRef.Parse("checkout"));

    [Theory]
    [InlineData("", null, "--prometheus is required: the URL the engine queries, e.g. http://prometheus.monitoring:9090.")]
    [InlineData("prometheus:9090", null, "--prometheus 'prometheus:9090' is not an http(s) URL, e.g. http://prometheus.monitoring:9090.")]
    [InlineData("http://p:9090", "Shop", "--namespace 'Shop' is not a Kubernetes namespace name (lower-case letters, digits and '-', at most 63 characters).")]
    public void Bad_options_are_refused(string address, string? ns, string message)
    {
        var options = new KubernetesOptions { PrometheusAddress = address, Namespace = ns };
        Assert.Equal(message, Assert.Throws<ExportException>(options.Validate).Message);
    }

    [Fact]
    public void Argo_takes_over_a_Deployment_only()
    {
        var options = ExportSamples.Options with { Workload = Workload.Parse("DaemonSet/agent") };
        var plan = ExportSamples.Plan("dark-mode-toggle");
        Assert.Contains("Argo Rollouts takes over a Deployment", Assert.Throws<ExportException>(() => ArgoExport.Export(plan, options)).Message);
        Assert.Equal("DaemonSet", (string?)new Manifests(FlaggerExport.Export(plan, options).ToYaml()).Single("Canary")["spec"]!["targetRef"]!["kind"]);
    }

    [Fact]
    public void A_plan_that_is_not_ready_is_never_exported()
    {
        var plan = ExportSamples.Plan("new-checkout-flow") with { StopLosses = EquatableList<StopLoss>.Empty };
        var message = Assert.Throws<ExportException>(() => ArgoExport.Export(plan, ExportSamples.Options)).Message;
        Assert.StartsWith("Plan 'new-checkout-flow' is not ready: ROLL001 ", message);
    }

    [Fact]
    public void A_metric_without_a_query_is_named()
    {
        var plan = ExportSamples.Plan("dark-mode-toggle") with { Measurements = EquatableList<Measurement>.Empty };
        Assert.Equal("Metric 'error_rate' has no measurement, so no engine can evaluate it; add .Measure(Signal.Percent(\"error_rate\"), query: \"...\") to the plan.",
            Assert.Throws<ExportException>(() => FlaggerExport.Export(plan, ExportSamples.Options)).Message);
    }

    [Fact]
    public void Without_replicas_the_Argo_export_says_it_runs_one()
    {
        var plan = ExportSamples.Plan("dark-mode-toggle");
        var result = ArgoExport.Export(plan, ExportSamples.Options with { Replicas = null });
        Assert.Contains(result.Warnings, w => w.Kind == ExportWarningKind.Approximation && w.Subject == "replicas");
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(100, false)]
    public void Argo_says_when_pod_counts_cannot_reach_a_weight(int replicas, bool warned)
    {
        var plan = ExportSamples.Plan("new-checkout-flow");
        var result = ArgoExport.Export(plan, ExportSamples.Options with { Replicas = replicas });
        Assert.Equal(warned, result.Warnings.Any(w => w.Subject == "stage canary" && w.Message.Contains("1 % of " + replicas + " replicas is 1 canary pod(s)")));
    }
}
