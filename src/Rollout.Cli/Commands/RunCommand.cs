using System;
using System.CommandLine;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Runtime.InteropServices;
using System.Threading;
using Rollout.Cli.Hosting;
using Rollout.Cli.Reports;
using Rollout.Dsl.Text;
using Rollout.Gates;
using Rollout.Plans;
using Rollout.Run;
using Rollout.Semantics;

namespace Rollout.Cli.Commands;

/// <summary>
/// <c>rollout run &lt;plan.json&gt; --target flagd|feature-management --flag-file PATH --prometheus URL --state PATH</c>: executes a
/// flag-based release (src/Rollout.Run): evaluates at the plan's cadence, writes the flag file of each stage and of the rollback,
/// announces a rollback, waits for <c>rollout approve</c> where the plan needs a person, and keeps its state and audit log.
/// </summary>
internal static class RunCommand
{
    /// <summary>Names a step of an evaluation (after-decision, after-flag-write, after-announce) where the process kills itself with SIGKILL: the crash tests' fault injection.</summary>
    public const string FaultVariable = "ROLLOUT_RUN_FAULT";

    public static Command Create()
    {
        var plan = PathArgument.One("plan", "The <plan-id>.plan.json file.");
        var target = new Option<string>("--target") { Description = "The flag system the service reads: flagd or feature-management.", Required = true, HelpName = "flagd|feature-management" };
        var flag = new Option<string?>("--flag") { Description = "The flag's key (default: the flag of the plan's config rollback).", HelpName = "key" };
        var flagFile = new Option<string>("--flag-file") { Description = "The flag file the service reads; replaced atomically at each stage and at the rollback.", Required = true, HelpName = "path" };
        var state = new Option<string>("--state") { Description = "The release's state file (created by the first run; rollout approve records approvals in it).", Required = true, HelpName = "path" };
        var audit = new Option<string?>("--audit") { Description = "The audit log, JSONL (default: the state path with .audit.jsonl appended).", HelpName = "path" };
        var webhook = new Option<string?>("--announce-webhook") { Description = "A Slack-compatible incoming webhook for the plan's announcement channel; a rollback is posted there.", HelpName = "url" };
        var once = new Option<bool>("--once") { Description = "One evaluation (and the actions it decides), then exit with the gate's codes." };
        var at = new Option<string?>("--at") { Description = "Evaluate as of this time (ISO 8601; default now): a rehearsal against recorded history. Without --once, later evaluations keep the offset.", HelpName = "time" };
        var command = new Command("run",
            "Run a flag-based release: at the plan's cadence evaluate its stop-losses and gates against Prometheus, write the next stage's flag file on advance, "
            + "the rollback's at once on a crossed rollback stop-loss (then announce it), wait for rollout approve where the plan needs a person, and after the point "
            + "of no return name the forward fix instead of rolling back. State and audit log make a killed run resume without repeating or losing an action.\n"
            + "Exit codes: with --once 0 a stage started (or the release is complete), 10 hold, 20 rolled back, 30 halted; without --once the same for where the "
            + "release ended (10 when stopped by SIGINT/SIGTERM); 2 unusable input (nothing written).\n"
            + "Example: rollout run rollout/new-checkout-flow.plan.json --target feature-management --flag-file flags.json --prometheus http://prometheus:9090 --state release.json --once")
        {
            plan, target, flag, flagFile, state, audit, webhook, once, at,
        };
        var prometheus = PrometheusConnection.AddTo(command);
        return command.WithAction(context =>
        {
            try
            {
                return Run(context, prometheus, context.Get(plan), context.Get(target), context.Parse.GetValue(flag), context.Get(flagFile), context.Get(state),
                    context.Parse.GetValue(audit), context.Parse.GetValue(webhook), context.Parse.GetValue(once), context.Parse.GetValue(at));
            }
            catch (RunInputException problem)
            {
                throw new UserError(problem.Message, problem);
            }
        });
    }

    private static int Run(CommandContext context, PrometheusConnection prometheus, string planFile, string targetName, string? flag, string flagPath, string statePath,
        string? auditPath, string? webhookText, bool once, string? atText)
    {
        var loaded = PlanFiles.Load(planFile);
        var target = FlagFormat.Of(targetName);
        var first = atText is null ? (DateTimeOffset?)null : TimeArgument.Parse("--at", atText);
        Uri? webhook = null;
        if (webhookText is not null && !HttpUrl.TryParse(webhookText, out webhook))
        {
            throw new UserError("--announce-webhook: '" + webhookText + "' is not an http(s) URL.");
        }
        var (address, http) = prometheus.Open(context);
        using var client = http;
        using var webhookClient = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var options = new GateOptions();
        var clock = SystemRunClock.Instance;
        var executor = new ReleaseExecutor(new RunSetup
        {
            Plan = loaded.Plan,
            PlanFile = planFile,
            FlagFile = new FlagFile(flagPath, target, flag),
            StatePath = Path.GetFullPath(statePath),
            AuditPath = auditPath ?? AuditLog.DefaultFor(Path.GetFullPath(statePath)),
            Announcer = webhook is null ? null : new Announcer(webhookClient, webhook, clock),
            Source = new PrometheusMeasurementSource(new PrometheusClient(client, address, options), options.Timeout, CancellationToken.None),
            Clock = clock,
            Fault = Fault(context),
        });
        executor.Check(); // bad input is refused before anything is written

        using var stop = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, signal => { signal.Cancel = true; stop.Cancel(); });
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal => { signal.Cancel = true; stop.Cancel(); });
        void Report(EvaluationOutcome outcome) => Write(context.Output, loaded.Plan.Id, outcome);
        if (once)
        {
            var outcome = executor.EvaluateAsync(first ?? clock.Now, stop.Token).GetAwaiter().GetResult();
            Report(outcome);
            return outcome.ExitCode;
        }
        var last = RunLoop.RunAsync(executor, clock, first, Report, stop.Token).GetAwaiter().GetResult();
        if (stop.IsCancellationRequested && !last.Settled)
        {
            context.Output.Write("stopped by a signal: state saved; run the same command again to continue\n");
            return ExitCodes.Hold;
        }
        return last.ExitCode;
    }

    private static void Write(TextWriter output, string plan, EvaluationOutcome outcome)
    {
        output.Write(MarkdownText.OneLine("rollout run: plan " + plan + ", evaluated at " + TimeText.Of(outcome.EvaluatedAt) + ", stage " + (outcome.Stage.Length == 0 ? "(none yet)" : outcome.Stage)) + "\n");
        foreach (var line in outcome.Lines) output.Write(MarkdownText.OneLine(line) + "\n");
        var why = outcome.Position.Mode switch
        {
            ReleaseMode.RolledBack => "the release is rolled back",
            ReleaseMode.Completed => "the release is complete",
            ReleaseMode.Waiting => "waiting for a person: rollout approve <state> --by ROLE",
            _ => outcome.Evaluation?.Reason ?? "nothing to measure yet",
        };
        if (outcome.Position.Mode == ReleaseMode.Halted && outcome.Events.Count == 0) why = "halted; " + why;
        if (outcome.Advanced && outcome.Position.Mode == ReleaseMode.Running) why = "stage '" + outcome.Stage + "' started; " + why;
        output.Write(MarkdownText.OneLine("decision: " + ReportWords.Of((Decision)outcome.ExitCode) + " (exit " + outcome.ExitCode + "): " + why) + "\n");
    }

    private static Action<string> Fault(CommandContext context)
    {
        var point = Environment.GetEnvironmentVariable(FaultVariable);
        if (string.IsNullOrEmpty(point)) return _ => { };
        return reached =>
        {
            if (reached != point) return;
            context.Error.Write("rollout run: fault injection: SIGKILL at " + reached + "\n");
            Process.GetCurrentProcess().Kill(); // SIGKILL: no finally block, no flush, no state save runs
        };
    }
}
