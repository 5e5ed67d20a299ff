using System;
using System.Threading;
using System.Threading.Tasks;

namespace Rollout.Run;

/// <summary>The run's clock: what time it is, and waiting. Tests pass one that advances instantly.</summary>
public interface IRunClock
{
    DateTimeOffset Now { get; }

    Task Delay(TimeSpan delay, CancellationToken cancellationToken);
}

/// <summary>The machine's clock.</summary>
public sealed class SystemRunClock : IRunClock
{
    public static readonly SystemRunClock Instance = new();

    public DateTimeOffset Now => DateTimeOffset.UtcNow;

    public Task Delay(TimeSpan delay, CancellationToken cancellationToken) => delay > TimeSpan.Zero ? Task.Delay(delay, cancellationToken) : Task.CompletedTask;
}
