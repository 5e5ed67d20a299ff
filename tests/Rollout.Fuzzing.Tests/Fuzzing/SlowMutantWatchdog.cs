using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Threading;

namespace Rollout.Fuzzing.Fuzzing;

/// <summary>
/// Names every mutant that is still being checked after <see cref="Limit"/> and saves its source, so a run that
/// seems to hang says which input it is stuck on (a thread cannot be aborted; the run goes on waiting for it).
/// </summary>
public sealed class SlowMutantWatchdog : IDisposable
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<int, (Mutant Mutant, DateTime Started, bool Reported)> _running = new();
    private readonly Action<string>? _progress;
    private readonly Timer _timer;

    public SlowMutantWatchdog(Action<string>? progress)
    {
        _progress = progress;
        _timer = new Timer(_ => Inspect(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    public IDisposable Watch(Mutant mutant)
    {
        _running[mutant.Index] = (mutant, DateTime.UtcNow, false);
        return new Lease(this, mutant.Index);
    }

    private void Inspect()
    {
        foreach (var (index, entry) in _running)
        {
            if (entry.Reported || DateTime.UtcNow - entry.Started < Limit) continue;
            _running[index] = entry with { Reported = true };
            var file = Path.Combine(Path.GetTempPath(), "rollout-slow-mutant-" + index.ToString(CultureInfo.InvariantCulture) + ".cs");
            File.WriteAllText(file, "// " + entry.Mutant.Kind + " (" + entry.Mutant.Base + "): " + entry.Mutant.Description.Replace("\n", " ", StringComparison.Ordinal) + "\n" + entry.Mutant.Source);
            _progress?.Invoke("slow: #" + index.ToString(CultureInfo.InvariantCulture) + " " + entry.Mutant.Kind + " still running after "
                + Limit.TotalSeconds.ToString("F0", CultureInfo.InvariantCulture) + " s; source in " + file);
        }
    }

    public void Dispose() => _timer.Dispose();

    private sealed class Lease(SlowMutantWatchdog owner, int index) : IDisposable
    {
        public void Dispose() => owner._running.TryRemove(index, out _);
    }
}
