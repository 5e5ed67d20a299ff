using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Rollout.Dsl;
using Rollout.Dsl.Text;
using Rollout.Semantics;

namespace Rollout.Gates.Backtest;

/// <summary>
/// Replays a plan over Prometheus history: every measurement the stop-losses and the stages' gates need is fetched with range
/// queries at the plan's cadence (chunked under Prometheus's limit of points, a few in flight at once, at most two chunks held),
/// and at every moment <c>From + k * Every</c> the stage is decided by <see cref="StageGate.EvaluateAsync"/>: the function the
/// interpreter runs at each tick and <c>rollout gate</c> answers with, over a <see cref="PrefetchedHistory"/> that reads range
/// answers by the same rules as live instant queries. So gaps, errors, stale data and several series hold exactly as live.
/// </summary>
public sealed class Backtester
{
    private readonly PrometheusClient _prometheus;

    public Backtester(HttpClient http, Uri prometheus, BacktestOptions options)
    {
        Options = Checked(options);
        _prometheus = new PrometheusClient(http, prometheus, Options.Http);
    }

    public BacktestOptions Options { get; }

    /// <summary>
    /// Replays <paramref name="plan"/>. Throws <see cref="ArgumentException"/> for input that cannot be replayed: no stop-loss,
    /// a stop-loss without a measurement, a stage the plan does not have.
    /// </summary>
    public async Task<BacktestResult> RunAsync(RolloutPlan plan, CancellationToken cancellationToken = default)
    {
        if (plan is null) throw new ArgumentNullException(nameof(plan));
        var program = ReleaseProgram.Compile(plan);
        Replayable(program);
        var stages = Stages(program);
        var grid = new TickGrid(Options.From, Options.To, ReleaseProgram.EvaluationInterval(plan));
        var queries = Queries(program, stages);
        var buckets = (int)Math.Min(Options.ChartPoints, grid.Count);
        var tracks = program.Watchers.Select(w => new StopLossTrack(w, Options, buckets)).ToList();
        var held = new long[stages.Count];
        var heldForNoData = new long[stages.Count];

        using var limit = new SemaphoreSlim(Options.Concurrency);
        var chunks = grid.Chunks(Options.MaxPointsPerQuery).ToList();
        var fetching = new Queue<((long First, int Count) Chunk, Task<IReadOnlyDictionary<string, PrometheusRange>> Ranges)>();
        for (var next = 0; next < chunks.Count || fetching.Count > 0;)
        {
            // Keep the chunk being evaluated and the next one in flight: enough to overlap fetching with replaying.
            while (next < chunks.Count && fetching.Count < 2)
            {
                fetching.Enqueue((chunks[next], FetchAsync(grid, chunks[next], queries, limit, cancellationToken)));
                next++;
            }
            var (chunk, fetched) = fetching.Dequeue();
            var ranges = await fetched.ConfigureAwait(false);
            var source = new PrefetchedHistory(ranges, Span(grid, chunk));
            for (var k = chunk.First; k < chunk.First + chunk.Count; k++)
            {
                var at = grid.At(k);
                for (var s = 0; s < stages.Count; s++)
                {
                    var evaluation = await StageGate.EvaluateAsync(program, stages[s], null, at, source, cancellationToken).ConfigureAwait(false);
                    if (s == 0)
                    {
                        var stopLosses = evaluation.Checks.Where(c => c.Kind == CheckKind.StopLoss).ToList();
                        for (var w = 0; w < tracks.Count; w++) tracks[w].Add(at, stopLosses[w], evaluation.Decision);
                    }
                    var gates = evaluation.Checks.Where(c => c.Kind == CheckKind.AdvanceGate).ToList();
                    if (gates.Any(g => g.Verdict is Verdict.Fail or Verdict.NoData)) held[s]++;
                    if (gates.Any(g => g.Verdict == Verdict.NoData)) heldForNoData[s]++;
                }
            }
        }

        var count = grid.Count;
        return new BacktestResult(
            plan.Id, Options.From, Options.To, grid.Every, plan.StopLossEvaluation.Window, plan.Stages[stages[0]].Name, Options.Incidents,
            tracks.Select((t, i) => t.Result(value => ConditionText.Threshold(Math.Round(value, 4), program.Watchers[i].Condition.Metric.Unit))).ToList(),
            stages.Select((s, i) => new StageBacktest(plan.Stages[s].Name, plan.Stages[s].AdvanceWhen.Count, count, held[i], heldForNoData[i])).ToList(),
            chunks.Count * queries.Count);
    }

    private async Task<IReadOnlyDictionary<string, PrometheusRange>> FetchAsync(TickGrid grid, (long First, int Count) chunk, IReadOnlyList<string> queries, SemaphoreSlim limit, CancellationToken cancellationToken)
    {
        var start = grid.At(chunk.First);
        var end = grid.At(chunk.First + chunk.Count - 1);
        var answers = await Task.WhenAll(queries.Select(async query =>
        {
            await limit.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await _prometheus.QueryRangeAsync(query, start, end, grid.Every, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                limit.Release();
            }
        })).ConfigureAwait(false);
        return queries.Select((q, i) => (q, answers[i])).ToDictionary(p => p.q, p => p.Item2, StringComparer.Ordinal);
    }

    /// <summary>Every query the replayed stages read: the stop-losses' over their window, the gates' over their stage's window.</summary>
    private static IReadOnlyList<string> Queries(ReleaseProgram program, IReadOnlyList<int> stages)
    {
        var plan = program.Plan;
        var queries = program.Watchers.Select(w => PrometheusOnly.QueryOf(w.Measurement, w.Window)).OfType<string>().ToList();
        foreach (var s in stages)
        {
            var stage = plan.Stages[s];
            var window = plan.GateWindowOf(stage);
            queries.AddRange(stage.AdvanceWhen.Select(g => PrometheusOnly.QueryOf(plan.MeasurementOf(g.Metric), window)).OfType<string>());
        }
        return queries.Distinct(StringComparer.Ordinal).ToList();
    }

    private IReadOnlyList<int> Stages(ReleaseProgram program)
    {
        if (Options.Stage is null) return Enumerable.Range(0, program.Plan.Stages.Count).ToList();
        var index = program.StageIndexOf(Options.Stage);
        if (index < 0)
        {
            throw new ArgumentException("plan '" + program.Plan.Id + "' has no stage '" + Options.Stage + "'; use one of " + string.Join(", ", program.Plan.Stages.Select(s => s.Name)) + ".");
        }
        return new[] { index };
    }

    private static void Replayable(ReleaseProgram program)
    {
        var plan = program.Plan;
        if (plan.Stages.Count == 0) throw new ArgumentException("plan '" + plan.Id + "' has no stages: there is nothing to replay.");
        if (program.Watchers.Count == 0) throw new ArgumentException("plan '" + plan.Id + "' has no stop-loss: there is nothing to backtest.");
        var unmeasured = program.Watchers.FirstOrDefault(w => w.Measurement is null);
        if (unmeasured is not null)
        {
            throw new ArgumentException("plan '" + plan.Id + "' does not say how " + unmeasured.Condition.Metric.Name
                + " is measured (ROLL024): its stop-loss would have no data at every moment; add a measurement with its query.");
        }
    }

    private static string Span(TickGrid grid, (long First, int Count) chunk) =>
        TimeText.Of(grid.At(chunk.First)) + " to " + TimeText.Of(grid.At(chunk.First + chunk.Count - 1));

    private static BacktestOptions Checked(BacktestOptions options)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        if (options.To <= options.From) throw new ArgumentException("the period must end after it starts: --from " + TimeText.Of(options.From) + " is not before --to " + TimeText.Of(options.To) + ".");
        foreach (var incident in options.Incidents)
        {
            if (incident.To <= incident.From) throw new ArgumentException("--incident " + TimeText.Of(incident.From) + ".." + TimeText.Of(incident.To) + " must end after it starts.");
            if (incident.From < options.From || incident.To > options.To)
            {
                throw new ArgumentException("--incident " + TimeText.Of(incident.From) + ".." + TimeText.Of(incident.To) + " lies outside the period " + TimeText.Of(options.From) + ".." + TimeText.Of(options.To) + "; widen --from/--to or drop it.");
            }
        }
        if (options.MaxPointsPerQuery is < 1 or > PrometheusRange.MaxPointsPerSeries) throw new ArgumentOutOfRangeException(nameof(options), "MaxPointsPerQuery must be 1 to " + PrometheusRange.MaxPointsPerSeries + ".");
        if (options.Concurrency < 1) throw new ArgumentOutOfRangeException(nameof(options), "Concurrency must be at least 1.");
        if (options.ChartPoints < 1) throw new ArgumentOutOfRangeException(nameof(options), "ChartPoints must be at least 1.");
        return options;
    }
}
