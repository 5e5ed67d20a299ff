using System;
using System.IO;
using System.Linq;
using Rollout.Cli.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace Rollout.Cli.Tests.Commands;

/// <summary>
/// `rollout export` options a user reaches for beyond the README's example: Flagger's manual gate, a replica count below
/// one, the defaults when neither workload nor service is named, and markdown output; a malformed plan file.
/// Manifests are read as YAML documents, not matched as text.
/// </summary>
public sealed class ExportOptionPathTests : IDisposable
{
    private const string Prometheus = "http://prometheus.monitoring:9090";

    private readonly TempFolder _folder = new("rollout-export-paths");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Gate_url_becomes_the_flagger_confirm_promotion_webhook_at_the_point_of_no_return()
    {
        var result = Tool.Run("export", "flagger", Tool.SamplePlan("contact-dedup-job"), "-o", _folder.Path, "--prometheus-address", Prometheus, "--gate-url", "http://gate.shop.svc/open");

        Assert.True(result.ExitCode == 0, result.ToString());
        var canary = Document("contact-dedup-job.flagger.yaml", "Canary");
        var webhooks = (YamlSequenceNode)Path(canary, "spec", "analysis", "webhooks");
        var gate = Assert.Single(webhooks.Children.Cast<YamlMappingNode>(), w => Scalar(w, "type") == "confirm-promotion");
        Assert.Equal("http://gate.shop.svc/open", Scalar(gate, "url"));
        Assert.Contains("open the gate at http://gate.shop.svc/open", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Prometheus_secret_becomes_the_flagger_metric_templates_secret_ref()
    {
        var result = Tool.Run("export", "flagger", Tool.SamplePlan("new-checkout-flow"), "-o", _folder.Path, "--prometheus", Prometheus, "--prometheus-secret", "prometheus-basic-auth");

        Assert.True(result.ExitCode == 0, result.ToString());
        var stream = new YamlStream();
        using (var reader = new StreamReader(System.IO.Path.Combine(_folder.Path, "new-checkout-flow.flagger.yaml"))) stream.Load(reader);
        var templates = stream.Documents.Select(d => (YamlMappingNode)d.RootNode).Where(d => Scalar(d, "kind") == "MetricTemplate").ToList();
        Assert.NotEmpty(templates);
        Assert.All(templates, t => Assert.Equal("prometheus-basic-auth", Scalar(Path(t, "spec", "provider", "secretRef"), "name")));

        var bad = Tool.Run("export", "flagger", Tool.SamplePlan("new-checkout-flow"), "-o", _folder.Path, "--prometheus", Prometheus, "--prometheus-secret", "Not_A_Name");
        Assert.Equal(2, bad.ExitCode);
        Assert.StartsWith("rollout: --prometheus-secret 'Not_A_Name' is not a Kubernetes Secret name", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Strict_refuses_what_runs_differently_and_strict_all_also_what_cannot_be_expressed()
    {
        var plain = Tool.Run("export", "argo", Tool.SamplePlan("dark-mode-toggle"), "-o", _folder.Path, "--prometheus", Prometheus, "--replicas", "20", "--traffic-router", "smi", "--format", "json");
        Assert.True(plain.ExitCode == 0, plain.ToString());
        using var json = System.Text.Json.JsonDocument.Parse(plain.Output);
        var kinds = json.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("kind").GetString()).ToList();
        var strict = Tool.Run("export", "argo", Tool.SamplePlan("dark-mode-toggle"), "-o", _folder.Path, "--prometheus", Prometheus, "--replicas", "20", "--traffic-router", "smi", "--strict");
        var all = Tool.Run("export", "argo", Tool.SamplePlan("dark-mode-toggle"), "-o", _folder.Path, "--prometheus", Prometheus, "--replicas", "20", "--traffic-router", "smi", "--strict=all");

        Assert.Equal(kinds.Contains("approximation") ? 1 : 0, strict.ExitCode);
        Assert.Equal(kinds.Contains("approximation") || kinds.Contains("not-expressed") ? 1 : 0, all.ExitCode);
        Assert.Contains("not-expressed", kinds);
        Assert.Contains("--strict", all.Output, StringComparison.Ordinal);

        var level = Tool.Run("export", "argo", Tool.SamplePlan("dark-mode-toggle"), "-o", _folder.Path, "--prometheus", Prometheus, "--strict=most");
        Assert.Equal(2, level.ExitCode);
        Assert.StartsWith("rollout: --strict: 'most' is not a level", level.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void Replicas_below_one_is_exit_2_in_one_line_and_nothing_is_written(string replicas)
    {
        var result = Tool.Run("export", "argo", Tool.SamplePlan("new-checkout-flow"), "-o", _folder.Path, "--prometheus-address", Prometheus, "--replicas", replicas);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("rollout: --replicas " + replicas + " must be at least 1.", result.Error.TrimEnd('\n'));
        Assert.Empty(Directory.GetFileSystemEntries(_folder.Path));
    }

    [Fact]
    public void Without_workload_and_service_both_engines_take_the_deployment_named_after_the_plan()
    {
        Assert.Equal(0, Tool.Run("export", "argo", Tool.SamplePlan("new-checkout-flow"), "-o", _folder.Path, "--prometheus-address", Prometheus).ExitCode);
        Assert.Equal(0, Tool.Run("export", "flagger", Tool.SamplePlan("new-checkout-flow"), "-o", _folder.Path, "--prometheus-address", Prometheus).ExitCode);

        var rollout = Document("new-checkout-flow.argo-rollouts.yaml", "Rollout");
        Assert.Equal(("Deployment", "new-checkout-flow"), (Scalar(Path(rollout, "spec", "workloadRef"), "kind"), Scalar(Path(rollout, "spec", "workloadRef"), "name")));
        var canary = Document("new-checkout-flow.flagger.yaml", "Canary");
        Assert.Equal(("Deployment", "new-checkout-flow"), (Scalar(Path(canary, "spec", "targetRef"), "kind"), Scalar(Path(canary, "spec", "targetRef"), "name")));
        Assert.Equal(("new-checkout-flow", "80"), (Scalar(Path(canary, "spec", "service"), "name"), Scalar(Path(canary, "spec", "service"), "port")));
    }

    [Fact]
    public void Markdown_output_is_a_heading_the_summary_and_one_table_row_per_warning()
    {
        var result = Tool.Run("export", "argo", Tool.SamplePlan("contact-dedup-job"), "-o", _folder.Path, "--prometheus-address", Prometheus, "--replicas", "10", "--format", "markdown");
        var text = Tool.Run("export", "argo", Tool.SamplePlan("contact-dedup-job"), "-o", _folder.Path, "--prometheus-address", Prometheus, "--replicas", "10");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n');
        Assert.Equal("### rollout export argo-rollouts", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("wrote ", StringComparison.Ordinal) && l.Contains("contact-dedup-job.argo-rollouts.yaml", StringComparison.Ordinal));
        Assert.Contains("| kind | subject | warning |", lines);
        var rows = lines.Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| kind", StringComparison.Ordinal) && !l.StartsWith("| ---", StringComparison.Ordinal)).ToList();
        var warnings = text.Output.Split('\n').Count(l => l.StartsWith("warning: ", StringComparison.Ordinal));
        Assert.True(warnings > 0, text.ToString());
        Assert.Equal(warnings, rows.Count);
        Assert.Contains(rows, r => r.StartsWith("| guarantee | point of no return |", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("argo")]
    [InlineData("flagger")]
    public void A_malformed_plan_file_is_exit_2_naming_file_and_line_and_nothing_is_written(string engine)
    {
        var file = _folder.Write("in/broken.plan.json", "{\n  \"schemaVersion\": 1,\n  \"id\": \"x\"\n");
        var output = Directory.CreateDirectory(System.IO.Path.Combine(_folder.Path, "out")).FullName;

        var result = Tool.Run("export", engine, file, "-o", output, "--prometheus-address", Prometheus);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("rollout: " + file + ": line 4, column 1: malformed JSON", line, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(output));
    }

    private YamlMappingNode Document(string file, string kind)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(System.IO.Path.Combine(_folder.Path, file))) stream.Load(reader);
        return Assert.Single(stream.Documents.Select(d => (YamlMappingNode)d.RootNode), d => Scalar(d, "kind") == kind);
    }

    private static YamlNode Path(YamlMappingNode node, params string[] keys)
    {
        YamlNode current = node;
        foreach (var key in keys) current = ((YamlMappingNode)current).Children[new YamlScalarNode(key)];
        return current;
    }

    private static string? Scalar(YamlNode node, string key) =>
        ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var value) ? ((YamlScalarNode)value).Value : null;
}
