using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using CheckoutService.Specs;
using Json.Schema;
using Rollout.Run.Tests.Infrastructure;
using Rollout.Semantics.Tests;

namespace Rollout.Run.Tests;

/// <summary>
/// The state file and the audit log have a published shape (schemas/rollout-run-state.v1.schema.json,
/// schemas/rollout-audit.v1.schema.json, closed objects): what real runs write on every path (a wait, an approval, the
/// point of no return, a forward fix, a rollback announced late and on time, a state caught between decision and action, a held gate)
/// validates, and every property a schema names is written by one of them, so a schema can neither lag nor run ahead.
/// </summary>
public sealed class SchemaTests
{
    [Fact]
    public async Task State_files_and_audit_lines_of_real_runs_match_their_schemas()
    {
        var states = new List<string>();
        var lines = new List<string>();

        // Contact de-duplication: a wait for a person, an approval with a note, the point of no return, a forward fix.
        var (dedup, dedupTimeline, _, _) = ExecutorMatchesInterpreterTests.Scenario("dedup approved then forward fix");
        using (var release = new Release(dedup, dedupTimeline, Rollout.Run.FlagFormat.Flagd) { FlagKey = "DEDUP_JOB_ENABLED" })
        {
            for (var minute = 0; minute <= 150; minute += 5)
            {
                if (minute == 150) ApprovalDesk.Record(release.StatePath, dedup, "on-call engineer", "checked tenant 7", TimelineBuilder.At(minute));
                await release.At(TimelineBuilder.At(minute));
                states.Add(File.ReadAllText(release.StatePath));
            }
            for (var minute = 155; minute <= 420; minute += 5) await release.At(TimelineBuilder.At(minute));
            states.Add(File.ReadAllText(release.StatePath));
            lines.AddRange(File.ReadAllLines(release.AuditPath));
        }

        // New checkout flow: a rollback whose announcement fails past the deadline, then is delivered late; the state at the write-ahead point.
        var burning = new TimelineBuilder().Value("error_rate", -10, 0.02).Value("latency_p99", -10, 190).Value("payment_errors", -10, 0).Value("error_rate", 10, 0.9).Build();
        using var webhook = new WebhookReceiver(failFirst: 10);
        using (var release = new Release(NewCheckoutFlow.Plan(), burning, webhook: webhook.Url))
        {
            release.Fault = point => { if (point == ReleaseExecutor.AfterDecision) states.Add(File.ReadAllText(release.StatePath)); };
            for (var minute = 0; minute <= 13; minute++) await release.At(TimelineBuilder.At(minute));
            states.Add(File.ReadAllText(release.StatePath));
            release.Clock.Now += TimeSpan.FromMinutes(2);
            await release.Executor().EvaluateAsync(TimelineBuilder.At(20));
            states.Add(File.ReadAllText(release.StatePath));
            lines.AddRange(File.ReadAllLines(release.AuditPath));
        }

        // A gate that holds: the state remembers which hold it reported.
        var (held, heldTimeline, _, _) = ExecutorMatchesInterpreterTests.Scenario("checkout breach while a gate holds");
        using (var release = new Release(held, heldTimeline))
        {
            for (var minute = 0; minute <= 31; minute++) await release.At(TimelineBuilder.At(minute));
            states.Add(File.ReadAllText(release.StatePath));
            lines.AddRange(File.ReadAllLines(release.AuditPath));
        }

        AssertShapes("rollout-run-state", states);
        AssertShapes("rollout-audit", lines);
    }

    private static void AssertShapes(string name, IReadOnlyList<string> documents)
    {
        var path = RepoPaths.Combine("schemas", name + ".v1.schema.json");
        var schema = JsonSchema.FromText(File.ReadAllText(path));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            using var parsed = JsonDocument.Parse(document);
            var result = schema.Evaluate(parsed.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(result.IsValid, name + " does not match its schema:\n" + string.Join("\n", (result.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => d.InstanceLocation + ": " + e.Value))) + "\n" + document);
            SchemaCoverage.AddWritten(parsed.RootElement, seen);
        }
        var named = SchemaCoverage.Named(JsonDocument.Parse(File.ReadAllText(path)).RootElement);
        var never = named.Except(seen).Order(StringComparer.Ordinal).ToList();
        Assert.True(never.Count == 0, name + ": the schema names properties no run wrote: " + string.Join(", ", never));
    }
}
