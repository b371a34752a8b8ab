using System.Threading.Channels;
using StepFlow.Persistence;

namespace StepFlow.Durability;

/// <summary>
/// Writes to the store for every durable execution of an engine through one loop that commits whatever has queued up
/// as one batch (group commit): many executions checkpointing at once share a transaction. Writes commit in the
/// order they were queued; a writer's task completes once its write is durable, or fails with the store's error.
/// </summary>
internal sealed class StoreWriter : IAsyncDisposable
{
    private const int MaxWritesPerCommit = 512;

    private readonly IExecutionStore _store;
    private readonly Channel<QueuedWrite> _queue = Channel.CreateUnbounded<QueuedWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public StoreWriter(IExecutionStore store)
    {
        _store = store;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Queues a write; the task completes when it is committed.</summary>
    public Task EnqueueAsync(Func<ExecutionWrite> write)
    {
        var queued = new QueuedWrite(write, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(queued))
        {
            queued.Done.SetException(new ObjectDisposedException(nameof(StoreWriter), "The engine has shut down; nothing more is written."));
        }

        return queued.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<QueuedWrite>(MaxWritesPerCommit);
        var writes = new List<ExecutionWrite>(MaxWritesPerCommit);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxWritesPerCommit && _queue.Reader.TryRead(out var queued))
            {
                batch.Add(queued);
            }

            try
            {
                foreach (var queued in batch)
                {
                    writes.Add(queued.Write());
                }

                await _store.CommitAsync(writes, CancellationToken.None).ConfigureAwait(false);
                foreach (var queued in batch)
                {
                    queued.Done.TrySetResult();
                }
            }
            catch (Exception e)
            {
                foreach (var queued in batch)
                {
                    queued.Done.TrySetException(e);
                }
            }

            batch.Clear();
            writes.Clear();
        }
    }

    private sealed record QueuedWrite(Func<ExecutionWrite> Write, TaskCompletionSource Done);
}
