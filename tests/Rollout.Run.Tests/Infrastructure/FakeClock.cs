using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Rollout.Run;

namespace Rollout.Run.Tests.Infrastructure;

/// <summary>A clock that stands still until a test (or a delay) moves it; every delay asked for is kept, and none waits.</summary>
public sealed class FakeClock : IRunClock
{
    private readonly object _gate = new();
    private DateTimeOffset _now;

    public FakeClock(DateTimeOffset now) => _now = now;

    public DateTimeOffset Now
    {
        get { lock (_gate) return _now; }
        set { lock (_gate) _now = value; }
    }

    public List<TimeSpan> Delays { get; } = new();

    public Task Delay(TimeSpan delay, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            Delays.Add(delay);
            if (delay > TimeSpan.Zero) _now += delay;
        }
        return Task.CompletedTask;
    }
}
