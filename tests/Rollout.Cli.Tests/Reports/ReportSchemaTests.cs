using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Json.Schema;
using Rollout.Cli.Tests.Docs;
using Rollout.Cli.Tests.Infrastructure;

namespace Rollout.Cli.Tests.Reports;

/// <summary>
/// Every JSON report has a published shape (schemas/reports/*.v1.schema.json, closed objects): the reports of real runs,
/// on every path that writes a different field (clean and failing, refused, no data, retried), validate against it,
/// and every property the schema names appears in one of them, so the schema can neither lag nor run ahead.
/// </summary>
public sealed class ReportSchemaTests : IDisposable
{
    private readonly TempFolder _folder = new("rollout-report-schemas");

    public void Dispose() => _folder.Dispose();

    private static JsonSchema Schema(string name) => JsonSchema.FromText(File.ReadAllText(RepoPaths.Combine("schemas", "reports", name + ".v1.schema.json")));

    private static void AssertShapes(string name, IReadOnlyList<string> reports)
    {
        var schema = Schema(name);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var report in reports)
        {
            using var document = JsonDocument.Parse(report);
            var result = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, name + " report does not match its schema:\n" + string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => d.InstanceLocation + ": " + e.Value))) + "\n" + report);
            SchemaCoverage.AddWritten(document.RootElement, seen);
        }
        var named = SchemaCoverage.Named(JsonDocument.Parse(File.ReadAllText(RepoPaths.Combine("schemas", "reports", name + ".v1.schema.json"))).RootElement);
        var never = named.Except(seen).Order(StringComparer.Ordinal).ToList();
        Assert.True(never.Count == 0, name + ": the schema names properties no report wrote: " + string.Join(", ", never));
    }

    private static string Json(params string[] args)
    {
        var result = Tool.Run(args.Concat(new[] { "--format", "json" }).ToArray());
        Assert.True(result.ExitCode != 2, result.ToString());
        return result.Output;
    }

    [Fact]
    public void Validate_reports_match_their_schema()
    {
        var broken = _folder.Write("broken/x.plan.json", "{ \"schemaVersion\": 1, \"id\": \"x\", \"touches\": [\"moon\"], \"stages\": [], \"stopLoss\": [], \"rollback\": [], \"readiness\": [] }");
        var broken2 = Tool.Run("validate", broken, "--format", "json").Output;
        AssertShapes("validate", [Json("validate", Tool.SamplePlans), Json("validate", EditedPlans.Write(_folder)), broken2]);
    }

    [Fact]
    public void Diff_reports_match_their_schema()
    {
        AssertShapes("diff", [Json("diff", Tool.SamplePlans, Tool.SamplePlans), Json("diff", Tool.SamplePlans, EditedPlans.Write(_folder))]);
    }

    [Fact]
    public void Export_reports_match_their_schema()
    {
        var output = _folder.Path;
        AssertShapes("export",
        [
            Json("export", "argo", Tool.SamplePlan("contact-dedup-job"), "-o", output, "--prometheus", "http://p:9090", "--replicas", "10"),
            Tool.Run("export", "flagger", Tool.SamplePlan("new-checkout-flow"), "-o", output, "--prometheus", "http://p:9090", "--strict", "--format", "json").Output,
            Json("export", "flagd", Tool.SamplePlan("new-checkout-flow"), "--stage", "staged", "-o", output),
            Tool.Run("export", "feature-management", Tool.SamplePlan("contact-dedup-job"), "--stage", "pilot", "-o", output, "--strict", "--format", "json").Output,
        ]);
    }

    [Fact]
    public void Simulate_reports_match_their_schema()
    {
        var simulations = RepoPaths.Combine("samples", "CheckoutService", "simulations");
        AssertShapes("simulate",
        [
            Json("simulate", Tool.SamplePlan("new-checkout-flow"), "--timeline", Path.Combine(simulations, "new-checkout-flow.slow-then-burning.csv"), "--start", "2026-12-06T08:00:00Z"),
            Json("simulate", Tool.SamplePlan("contact-dedup-job"), "--timeline", Path.Combine(simulations, "contact-dedup-job.after-the-point-of-no-return.json")),
        ]);
    }

    [Fact]
    public void Gate_reports_match_their_schema()
    {
        using var healthy = new FakePrometheus((_, attempt) => attempt == 1 ? (503, "{}") : (200, FakePrometheus.Vector("0")));
        using var silent = new FakePrometheus((_, _) => (200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}"));
        AssertShapes("gate",
        [
            Json("gate", Tool.SamplePlan("new-checkout-flow"), "--stage", "staged", "--prometheus", healthy.Url),
            Tool.Run("gate", Tool.SamplePlan("new-checkout-flow"), "--stage", "canary", "--prometheus", silent.Url, "--started-at", DateTimeOffset.UtcNow.AddMinutes(-5).ToString("o", System.Globalization.CultureInfo.InvariantCulture), "--format", "json").Output,
        ]);
    }
}
