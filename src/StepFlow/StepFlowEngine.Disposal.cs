namespace StepFlow;

/// <content>
/// Disposal, synchronous or asynchronous: both run <see cref="ShutdownAsync"/> once, so a host may dispose the engine
/// either way (a DI container disposed with <c>Dispose()</c> included), twice, or both ways.
/// </content>
public sealed partial class StepFlowEngine : IDisposable, IAsyncDisposable
{
    /// <summary>The one shutdown that disposal runs; null until the engine is first disposed.</summary>
    private Task? _disposal;

    /// <summary>
    /// Shuts the engine down as <see cref="ShutdownAsync"/> does and waits for it. Running executions stop where they are
    /// (with a durable store they resume when an engine on the same store recovers). Safe to call more than once, and
    /// after or alongside <see cref="DisposeAsync"/>.
    /// </summary>
    public void Dispose() => Disposal().GetAwaiter().GetResult();

    /// <summary>
    /// Shuts the engine down as <see cref="ShutdownAsync"/> does. Safe to call more than once, and after or alongside
    /// <see cref="Dispose"/>.
    /// </summary>
    public ValueTask DisposeAsync() => new(Disposal());

    /// <summary>
    /// The shutdown, started once on the thread pool: a synchronous <see cref="Dispose"/> then blocks only on work that
    /// never needs the caller's thread or synchronization context.
    /// </summary>
    private Task Disposal()
    {
        if (Volatile.Read(ref _disposal) is { } started)
        {
            return started;
        }

        var shutdown = new Task<Task>(() => ShutdownAsync());
        if (Interlocked.CompareExchange(ref _disposal, shutdown.Unwrap(), null) is { } other)
        {
            return other;
        }

        shutdown.Start(TaskScheduler.Default);
        return _disposal;
    }
}
