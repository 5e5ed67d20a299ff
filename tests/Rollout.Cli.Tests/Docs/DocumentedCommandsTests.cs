using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Rollout.Cli.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Rollout.Cli.Tests.Docs;

/// <summary>
/// Every command README.md and docs/*.md show runs as printed, against the committed samples: the same exit code and,
/// where the page shows output, the same output (times aside). A command that cannot run here is listed below with the
/// test that covers it instead; a page edit that breaks a command, or a tool change that changes its output, fails here.
/// </summary>
public sealed class DocumentedCommandsTests
{
    /// <summary>Documented commands that do not run here as written, by their start, and why.</summary>
    private static readonly Dictionary<string, string> NotRunHere = new(StringComparer.Ordinal)
    {
        ["rollout gate samples/CheckoutService/rollout/new-checkout-flow.plan.json --stage staged --prometheus http://prometheus:9090"] =
            "needs a Prometheus at that address; GateCommandTests runs the same plan and stage against a real Prometheus holding the same history and asserts these lines",
        ["rollout backtest checkout.plan.json --prometheus http://127.0.0.1:9090 --from 2026-10-08T12:00:30Z --to 2026-10-08T16:00:30Z --incident 2026-10-08T14:05:00Z..2026-10-08T14:30:00Z"] =
            "needs the backfilled history in a Prometheus; BacktestReportTests.The_readme_shows_what_backtest_prints runs it against a real Prometheus holding that history and compares the README's output",
        ["rollout backtest rollout/new-checkout-flow.plan.json --prometheus http://prometheus:9090 --from 2026-10-01T00:00:00Z --to 2026-10-22T00:00:00Z --incident 2026-10-08T14:05:00Z..2026-10-08T14:30:00Z --incident 2026-10-15T02:00:00Z..2026-10-15T10:00:00Z --stage canary --format markdown -o backtest/"] =
            "a reader's example (their Prometheus, their plan path); BacktestHistoryTests replays the same three weeks and incidents against a real Prometheus and checks the findings",
        ["rollout diff ../base/rollout/ rollout/ --format markdown > plan-diff.md"] =
            "a shell fragment of a pull-request job (the reader's paths, output redirected); ReadmeTests runs diff --format markdown on the samples and compares it with the README",
    };

    /// <summary>Commands of docs/run.md that need a Prometheus and a release in progress: RunDocsTests runs them in order, as printed.</summary>
    private static readonly string RunDocs = "needs a Prometheus and the release of the commands before it; RunDocsTests runs docs/run.md's release in order against a stand-in Prometheus and compares the page's output";

    private static readonly Regex Time = new(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", RegexOptions.CultureInvariant);

    private readonly ITestOutputHelper _log;

    public DocumentedCommandsTests(ITestOutputHelper log) => _log = log;

    public static TheoryData<string> Commands()
    {
        var data = new TheoryData<string>();
        foreach (var command in DocumentedCommand.All()) data.Add(command.ToString());
        return data;
    }

    [Fact]
    public void The_pages_document_commands_and_every_exception_is_still_documented()
    {
        var all = DocumentedCommand.All();
        Assert.True(all.Count >= 8, "found only " + all.Count + " documented commands; is the parser still reading the pages?");
        foreach (var key in NotRunHere.Keys) Assert.Contains(all, c => c.CommandLine == key);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_documented_command_runs_as_printed(string where)
    {
        var command = DocumentedCommand.All().Single(c => c.ToString() == where);
        if (NotRunHere.TryGetValue(command.CommandLine, out var reason) || (RunDocsTests.Commands().Contains(command) && (reason = RunDocs) is not null))
        {
            _log.WriteLine("not run here: " + reason);
            return;
        }
        using var folder = new TempFolder("rollout-docs");
        var words = command.CommandLine.Split(' ');
        var replacements = new List<(string Actual, string Shown)> { (RepoPaths.Root + Path.DirectorySeparatorChar, "") };
        string actualOutput;
        int exit;
        if (words[0] == "cat")
        {
            actualOutput = File.ReadAllText(RepoPaths.Combine(words[1])).Replace("\r\n", "\n");
            exit = 0;
        }
        else
        {
            Assert.Equal("rollout", words[0]);
            var args = new List<string>();
            for (var i = 1; i < words.Length; i++)
            {
                var word = words[i];
                if (i > 1 && words[i - 1] is "-o" or "--output")
                {
                    var output = Path.Combine(folder.Path, "out", word.TrimEnd('/'));
                    replacements.Insert(0, (output, word.TrimEnd('/')));
                    args.Add(output);
                }
                else if (word == "edited/")
                {
                    var edited = EditedPlans.Write(folder);
                    replacements.Insert(0, (edited + Path.DirectorySeparatorChar, "edited/"));
                    args.Add(edited + Path.DirectorySeparatorChar);
                }
                else if (word.StartsWith("samples/", StringComparison.Ordinal) || word.StartsWith("schemas/", StringComparison.Ordinal))
                {
                    args.Add(RepoPaths.Combine(word.Split('/', StringSplitOptions.RemoveEmptyEntries)) + (word.EndsWith('/') ? Path.DirectorySeparatorChar.ToString() : ""));
                }
                else args.Add(word);
            }
            var result = Tool.Run(args.ToArray());
            _log.WriteLine(result.ToString());
            actualOutput = replacements.Aggregate(result.Output, (text, r) => text.Replace(r.Actual, r.Shown, StringComparison.Ordinal));
            exit = result.ExitCode;
            Assert.True(result.Error.Length == 0 || exit == 2, where + ": stderr holds " + result.Error);
        }

        Assert.True((command.ExitCode ?? 0) == exit, where + ": `" + command.CommandLine + "` exits " + exit + ", the page says " + (command.ExitCode ?? 0) + ".\n" + actualOutput);
        if (command.Output is { Length: > 0 } shown)
        {
            Assert.Equal(Time.Replace(shown, "<time>"), Time.Replace(actualOutput, "<time>"));
        }
    }
}
