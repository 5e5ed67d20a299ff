using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace Rollout.Fuzzing.Harness;

/// <summary>What cancelling a build of one spec at random points gave.</summary>
public sealed record CancellationOutcome(int Trials, int Cancelled, int Completed, IReadOnlyList<string> Failures);

/// <summary>
/// Cancels the generator and the analyzer at random points of one spec's build, as an editor does on
/// every keystroke. Accepts only OperationCanceledException or a clean, complete result.
/// </summary>
public static class CancellationProbe
{
    public static CancellationOutcome Run(string source, int trials, int seed)
    {
        var random = new Random(seed);
        var timer = Stopwatch.StartNew();
        var baseline = SpecHarness.Run(source);
        var span = Math.Max(1.0, timer.Elapsed.TotalMilliseconds);
        var failures = new List<string>();
        failures.AddRange(baseline.Failures);
        int cancelled = 0, completed = 0;
        for (var trial = 0; trial < trials; trial++)
        {
            // The first trial cancels before anything runs; the others anywhere in the uncancelled run's duration.
            var delay = trial == 0 ? TimeSpan.Zero : TimeSpan.FromMilliseconds(random.NextDouble() * span);
            using var source2 = new CancellationTokenSource();
            source2.CancelAfter(delay);
            try
            {
                var result = SpecHarness.Run(source, source2.Token);
                failures.AddRange(result.Failures);
                completed++;
            }
            catch (OperationCanceledException)
            {
                cancelled++;
            }
            catch (Exception exception)
            {
                failures.Add("cancelled after " + delay.TotalMilliseconds.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) + " ms: " + exception);
            }
        }
        return new CancellationOutcome(trials, cancelled, completed, failures);
    }
}
