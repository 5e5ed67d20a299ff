using System;
using System.Threading;
using System.Threading.Tasks;
using Rollout.Dsl;
using Rollout.Semantics;

namespace Rollout.Run;

/// <summary>
/// Evaluates a release at the plan's cadence (every <see cref="StopLossEvaluation.Every"/>: the stop-losses each time,
/// a stage's gates once its window has run) until it is settled (completed, rolled back, or halted where no rollback can
/// follow) or the stop token is signalled between evaluations. The state is saved by every evaluation, so a
/// stop loses nothing. With a start time other than now, evaluation times keep that offset from the clock (a rehearsal).
/// </summary>
public static class RunLoop
{
    public static async Task<EvaluationOutcome> RunAsync(ReleaseExecutor executor, IRunClock clock, DateTimeOffset? firstAt, Action<EvaluationOutcome> report, CancellationToken stop)
    {
        var offset = firstAt is { } first ? first - clock.Now : TimeSpan.Zero;
        var every = ReleaseProgram.EvaluationInterval(executor.Program.Plan);
        while (true)
        {
            var outcome = await executor.EvaluateAsync(clock.Now + offset, stop).ConfigureAwait(false);
            report(outcome);
            if (outcome.Settled || stop.IsCancellationRequested) return outcome;
            var wait = outcome.EvaluatedAt + every - (clock.Now + offset);
            try
            {
                await clock.Delay(wait, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return outcome;
            }
        }
    }
}
