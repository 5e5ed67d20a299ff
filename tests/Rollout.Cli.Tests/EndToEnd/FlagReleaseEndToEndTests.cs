using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Rollout.Cli.Tests.Infrastructure;
using Rollout.Gates.Tests.Infrastructure;
using Rollout.Run.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Rollout.Cli.Tests.EndToEnd;

/// <summary>
/// The whole flag-based release as a team runs it: a real Prometheus holding three hours of backfilled checkout traffic
/// with a breach injected, the sample ASP.NET Core service (samples/CheckoutWeb) reading its flag through
/// Microsoft.FeatureManagement from the file `rollout run --target feature-management` writes, and a chat webhook.
/// `rollout run --once --at T` is stepped through the history (a pipeline's loop, compressed): the flag goes 1 % → 10 % →
/// off, the service's answers follow without a restart (the same users keep the new flow from 1 % to 10 %), the webhook
/// receives one announcement of the rollback, and the audit log tells the story in order.
/// </summary>
public sealed class FlagReleaseEndToEndTests(ITestOutputHelper output)
{
    private const string Flag = "NEW_CHECKOUT_ENABLED";
    private static readonly IReadOnlyList<string> Users = Enumerable.Range(0, 2000).Select(i => "user-" + i.ToString(CultureInfo.InvariantCulture)).ToList();

    [Fact]
    public async Task A_release_goes_from_one_to_ten_percent_and_is_switched_off_at_the_breach()
    {
        var history = new ReleaseHistory(DateTimeOffset.UtcNow);
        using var prometheus = PrometheusServer.Start(history.OpenMetrics());
        using var folder = new TempFolder("rollout-e2e-");
        var plan = folder.Write("new-checkout-flow.plan.json", RandomCanaryPlan());
        var flagFile = Path.Combine(folder.Path, "flags", "new-checkout-flow.feature-management.json");
        var state = Path.Combine(folder.Path, "release", "new-checkout-flow.state.json");
        Directory.CreateDirectory(Path.GetDirectoryName(state)!);
        using var webhook = new WebhookReceiver();
        using var web = await CheckoutWebProcess.Start(flagFile);

        Assert.Empty(await web.UsersWithNewFlow(Users));

        CliResult Run(DateTimeOffset at)
        {
            var result = Tool.Run("run", plan, "--target", "feature-management", "--flag", Flag, "--flag-file", flagFile,
                "--prometheus", prometheus.Address.AbsoluteUri.TrimEnd('/'), "--state", state, "--announce-webhook", webhook.Url,
                "--once", "--at", at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            output.WriteLine("$ rollout run --once --at " + at.ToString("HH:mm", CultureInfo.InvariantCulture) + "  -> exit " + result.ExitCode);
            output.WriteLine(result.Output.TrimEnd());
            if (result.Error.Length > 0) output.WriteLine("stderr: " + result.Error.TrimEnd());
            return result;
        }

        // The release begins: canary, 1 % of users.
        var begin = Run(history.ReleaseStart);
        Assert.True(begin.ExitCode == 0, begin.ToString());
        var canary = await web.SettledAnswers(Users, h => h.Count > 0);
        output.WriteLine("canary: " + canary.Count + " of " + Users.Count + " users get the new flow");
        Assert.InRange(canary.Count, 5, 45);

        // Halfway through the canary's 30 minutes: still observing, nothing changes.
        Assert.Equal(10, Run(history.ReleaseStart.AddMinutes(15)).ExitCode);
        Assert.Equal(canary, await web.UsersWithNewFlow(Users));

        // The canary's window is over and its gates hold: staged, 10 %, the canary's users keep the new flow.
        var advance = Run(history.ReleaseStart.AddMinutes(31));
        Assert.True(advance.ExitCode == 0, advance.ToString());
        var staged = await web.SettledAnswers(Users, h => h.Count > canary.Count);
        output.WriteLine("staged: " + staged.Count + " of " + Users.Count + " users get the new flow");
        Assert.InRange(staged.Count, 140, 260);
        Assert.Subset(staged, canary);

        // Healthy an hour into staged: observing.
        Assert.Equal(10, Run(history.ReleaseStart.AddMinutes(60)).ExitCode);
        Assert.Empty(webhook.Delivered);

        // Six minutes into the breach the 5-minute error rate is 3 % (stop-loss: above 0.5 %): rolled back, flag off.
        var breach = Run(history.BreachFrom.AddMinutes(6));
        Assert.True(breach.ExitCode == 20, breach.ToString());
        var off = await web.SettledAnswers(Users, h => h.Count == 0);
        Assert.Empty(off);

        var announcement = Assert.Single(webhook.Delivered);
        output.WriteLine("announcement: " + announcement);
        var text = (string?)JsonNode.Parse(announcement)!["text"];
        Assert.NotNull(text);
        Assert.Contains("new-checkout-flow", text);
        Assert.Contains("error_rate", text);
        Assert.Contains("#incidents", text);

        // After the rollback nothing more happens: no second announcement, the flag stays off.
        Assert.Equal(20, Run(history.BreachFrom.AddMinutes(10)).ExitCode);
        Assert.Single(webhook.Delivered);
        Assert.Empty(await web.UsersWithNewFlow(Users));

        // The audit log: every line of this plan, and the story in order (holds left out).
        var audit = File.ReadAllLines(state + ".audit.jsonl").Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        foreach (var line in audit) output.WriteLine(line.ToJsonString());
        Assert.All(audit, e => Assert.Equal("new-checkout-flow", (string?)e["plan"]));
        var story = audit.Where(e => (string?)e["what"] != "hold")
            .Select(e => (string?)e["what"] + " " + ((string?)e["point"] ?? (string?)e["stage"])).ToList();
        Assert.Equal(new[]
        {
            "stageStarted canary", "writeFlag canary",
            "advance canary", "stageStarted staged", "writeFlag staged",
            "rollBack staged", "writeFlag rollback", "announce staged",
        }, story);
        var announced = audit.Single(e => (string?)e["what"] == "announce");
        Assert.True((bool?)announced["delivered"]);
        Assert.True((bool?)announced["deadlineMet"]);
    }

    /// <summary>
    /// The sample plan with a canary of 1 % randomly sampled users (the sample's canary is "internal users only", a group a
    /// flag gives the feature to, not a share), gated on the error rate alone (the history has no latency histogram).
    /// </summary>
    private static string RandomCanaryPlan()
    {
        var plan = JsonNode.Parse(File.ReadAllText(Tool.SamplePlan("new-checkout-flow")))!.AsObject();
        plan["stages"]![0]!["traffic"]!["audience"] = "randomly sampled";
        foreach (var stage in plan["stages"]!.AsArray())
        {
            if (stage!["advanceWhen"] is not JsonArray gates) continue;
            for (var i = gates.Count - 1; i >= 0; i--)
            {
                if ((string?)gates[i]!["metric"] == "latency_p99") gates.RemoveAt(i);
            }
        }
        return plan.ToJsonString();
    }
}
