using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Rollout.Cli.Tests.Infrastructure;
using Rollout.Run.Tests.Infrastructure;

namespace Rollout.Cli.Tests.Docs;

/// <summary>
/// docs/run.md's release, evaluation by evaluation, and its approval, run as printed through the real <c>rollout</c>
/// process against a stand-in Prometheus (its error rate climbs to 0.9 % for the 08:35 evaluation) and webhook, in one
/// folder: the same output, exit codes and one post. (DocumentedCommandsTests leaves these commands to this test.)
/// </summary>
public sealed class RunDocsTests : IDisposable
{
    private const string Page = "docs/run.md";
    private static readonly Regex Delay = new(@"after [^,]*? and (\d+) post", RegexOptions.CultureInvariant);

    private readonly TempFolder _folder = new("rollout-run-docs");
    private readonly FakePrometheus _prometheus;
    private volatile string _errorRate = "0.02";

    public RunDocsTests()
    {
        _prometheus = new FakePrometheus((query, _) =>
            query.Contains("status=~", StringComparison.Ordinal) ? (200, FakePrometheus.Vector(_errorRate))
            : query.Contains("histogram_quantile", StringComparison.Ordinal) ? (200, FakePrometheus.Vector("194.7"))
            : (200, FakePrometheus.Vector("0")));
    }

    public void Dispose()
    {
        _prometheus.Dispose();
        _folder.Dispose();
    }

    /// <summary>The page's commands that need a Prometheus or a release in progress, as DocumentedCommandsTests lists them.</summary>
    public static IReadOnlyList<DocumentedCommand> Commands() =>
        DocumentedCommand.All().Where(c => c.File == Page && (c.CommandLine.StartsWith("rollout approve ", StringComparison.Ordinal)
            || (c.CommandLine.StartsWith("rollout run ", StringComparison.Ordinal) && c.CommandLine.Contains("--target feature-management", StringComparison.Ordinal)))).ToList();

    [Fact]
    public void The_pages_release_and_approval_run_as_printed()
    {
        using var webhook = new WebhookReceiver();
        var commands = Commands();
        Assert.Equal(4, commands.Count);
        foreach (var command in commands)
        {
            if (command.CommandLine.StartsWith("rollout approve ", StringComparison.Ordinal)) WaitForAPerson();
            if (command.CommandLine.Contains("T08:35:00Z", StringComparison.Ordinal)) _errorRate = "0.9";
            var args = Words(command.CommandLine).Skip(1).Select(w => w switch
            {
                "http://prometheus:9090" => _prometheus.Url,
                "http://chat-relay:8080/hooks/incidents" => webhook.Url,
                _ when w.StartsWith("samples/", StringComparison.Ordinal) => RepoPaths.Combine(w.Split('/')),
                _ => w,
            }).ToArray();

            var result = Rollout(args);

            Assert.True((command.ExitCode ?? 0) == result.ExitCode, command + ": exits " + result.ExitCode + ", the page says " + (command.ExitCode ?? 0) + "\n" + result.Describe());
            var shown = Delay.Replace(command.Output!, "after <delay> and $1 post");
            var printed = Delay.Replace(result.Output.Replace(_folder.Path + Path.DirectorySeparatorChar, ""), "after <delay> and $1 post");
            Assert.Equal(shown, printed);
        }
        Assert.Single(webhook.Delivered);
    }

    private void WaitForAPerson()
    {
        foreach (var at in new[] { "2026-12-06T08:00:00Z", "2026-12-06T10:00:00Z" })
        {
            var result = Rollout(["run", RepoPaths.Combine("samples", "CheckoutService", "rollout", "contact-dedup-job.plan.json"), "--target", "flagd", "--flag-file", "dedup.flagd.json",
                "--prometheus", _prometheus.Url, "--state", "dedup.json", "--once", "--at", at]);
            Assert.True(result.ExitCode is 0 or 10, result.Describe());
        }
    }

    private CommandResult Rollout(string[] args) =>
        Command.Run(_folder.Path, TimeSpan.FromMinutes(2), null, [Path.Combine(AppContext.BaseDirectory, "rollout.dll"), .. args]);

    /// <summary>Splits a command line as a shell does for plain words and double-quoted ones.</summary>
    private static IEnumerable<string> Words(string line)
    {
        var word = new StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var c in line)
        {
            if (c == '"') { quoted = !quoted; any = true; continue; }
            if (c == ' ' && !quoted)
            {
                if (any) yield return word.ToString();
                word.Clear();
                any = false;
                continue;
            }
            word.Append(c);
            any = true;
        }
        if (any) yield return word.ToString();
    }
}
