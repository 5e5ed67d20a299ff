using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using Rollout.Cli.Hosting;
using Rollout.Cli.Reports;
using Rollout.Gates;
using Rollout.Gates.Backtest;
using Rollout.Plans;

namespace Rollout.Cli.Commands;

/// <summary>
/// <c>rollout backtest &lt;plan.json&gt; --prometheus URL --from T --to T [--incident FROM..TO]...</c>: replays the plan's
/// stop-losses and gates over Prometheus history and reports every firing, each incident's detection delay, false alarms
/// and a suggested threshold per stop-loss. Exit 0 every incident caught and no false alarm, 1 otherwise, 2 unusable input.
/// </summary>
internal static class BacktestCommand
{
    public static Command Create()
    {
        var plan = PathArgument.One("plan", "The <plan-id>.plan.json file.");
        var from = new Option<string>("--from") { Description = "Start of the history to replay (ISO 8601, e.g. 2026-11-01T00:00:00Z).", Required = true, HelpName = "time" };
        var to = new Option<string>("--to") { Description = "End of the history to replay (ISO 8601).", Required = true, HelpName = "time" };
        var incidents = new Option<string[]>("--incident")
        {
            Description = "A known incident, FROM..TO (ISO 8601 both), inside the period (repeatable). A stop-loss should fire in it and nowhere else.",
            HelpName = "from..to",
            AllowMultipleArgumentsPerToken = false,
            DefaultValueFactory = _ => [],
        };
        var stage = new Option<string?>("--stage") { Description = "Replay this stage only (its gates' held share, its decisions at each firing). Default: every stage; firings carry the first stage's decision." };
        var output = new Option<string?>("--output", "-o") { Description = "Folder to write backtest.md (with one SVG chart per stop-loss beside it) and backtest.json into (it must exist).", HelpName = "dir" };
        var format = new FormatOption();
        var command = new Command("backtest",
            "Replay the plan over Prometheus history at its own cadence (range queries, chunked under Prometheus's 11,000 points per series) through the same decision "
            + "code as gate and simulate, and report per stop-loss every firing, each incident's detection delay or 'missed', false alarms per week and a suggested threshold; "
            + "per stage, how often its gates would have held. Missing, stale or failing data holds, as live.\n"
            + "Exit codes: 0 every incident caught and no false alarm, 1 an incident missed or a false alarm, 2 unusable input "
            + "(bad times, an incident outside the period, a stop-loss without a measurement, a stop-loss with no value at any moment, e.g. an unreachable server).\n"
            + "Example: rollout backtest rollout/new-checkout-flow.plan.json --prometheus http://prometheus:9090 --from 2026-11-01T00:00:00Z --to 2026-12-01T00:00:00Z --incident 2026-11-12T14:05:00Z..2026-11-12T14:40:00Z")
        {
            plan, from, to, incidents, stage, output, format,
        };
        var prometheus = PrometheusConnection.AddTo(command);
        return command.WithAction(context =>
        {
            var loaded = PlanFiles.Load(context.Get(plan));
            if (PrometheusOnly.Refusal(loaded.Plan, "rollout backtest") is { } refusal) throw new UserError(context.Get(plan) + ": " + refusal);
            var folder = context.Parse.GetValue(output);
            if (folder is not null && !Directory.Exists(folder)) throw new UserError(folder + ": output folder does not exist; create it or pass another one with -o.");
            var options = new BacktestOptions
            {
                From = TimeArgument.Parse("--from", context.Get(from)),
                To = TimeArgument.Parse("--to", context.Get(to)),
                Incidents = (context.Parse.GetValue(incidents) ?? []).Select(Incident).ToList(),
                Stage = context.Parse.GetValue(stage),
            };
            var (address, http) = prometheus.Open(context);
            using var client = http;
            Backtester backtester;
            try
            {
                backtester = new Backtester(http, address, options);
            }
            catch (ArgumentException problem)
            {
                throw new UserError(problem.Message, problem); // the period or an incident: the message names the option
            }
            BacktestResult result;
            try
            {
                result = backtester.RunAsync(loaded.Plan).GetAwaiter().GetResult();
            }
            catch (ArgumentException problem)
            {
                throw new UserError(context.Get(plan) + ": " + problem.Message, problem);
            }
            // A stop-loss that never had a value proves nothing: that is no all clear, but unusable history.
            var blind = result.StopLosses.FirstOrDefault(s => s.WithValue == 0);
            if (blind is not null)
            {
                throw new UserError("stop-loss " + BacktestReport.Describe(blind) + " had no value at any of its " + blind.Evaluations
                    + " evaluations, so nothing can be said about it; the first problem, at " + BacktestReport.Time(blind.FirstProblem!.Value.At) + ": " + blind.FirstProblem.Value.Detail);
            }
            var report = new BacktestReport(result);
            if (folder is not null)
            {
                foreach (var (name, svg) in report.Charts()) AtomicFile.Write(Path.Combine(folder, name), svg);
                AtomicFile.Write(Path.Combine(folder, "backtest.md"), report.Markdown(withCharts: true));
                AtomicFile.Write(Path.Combine(folder, "backtest.json"), ReportOutput.Json(report));
            }
            ReportOutput.Write(context, report, format.Read(context));
            return result.ExitCode;
        });
    }

    private static Incident Incident(string text)
    {
        var cut = text.IndexOf("..", StringComparison.Ordinal);
        if (cut <= 0) throw new UserError("--incident: '" + text + "' is not FROM..TO; write e.g. --incident 2026-11-12T14:05:00Z..2026-11-12T14:40:00Z.");
        var incident = new Incident(TimeArgument.Parse("--incident", text.Substring(0, cut)), TimeArgument.Parse("--incident", text.Substring(cut + 2)));
        if (incident.To <= incident.From) throw new UserError("--incident: '" + text + "' ends before it starts; write FROM..TO.");
        return incident;
    }
}
