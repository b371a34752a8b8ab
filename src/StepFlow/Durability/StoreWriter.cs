using StepFlow.Persistence;

namespace StepFlow.Durability;

/// <summary>
/// Writes to the store for every durable execution of an engine, batching across executions (group commit): the first
/// writer to arrive while no commit runs leads — it commits what is queued, then whatever queued up meanwhile, as one
/// batch each, until the queue is empty. Writers that arrive during a commit wait for the next batch. There is no
/// background thread and, for a lone writer, no thread switch: its commit runs on its own thread. Writes commit in the
/// order they were queued; a writer's task completes once its write is durable, or fails with the store's error.
/// </summary>
internal sealed class StoreWriter : IAsyncDisposable
{
    private const int MaxWritesPerCommit = 512;

    private readonly IExecutionStore _store;
    private readonly object _gate = new();
    private List<QueuedWrite> _queued = [];
    private Task _leader = Task.CompletedTask;
    private bool _leading;
    private bool _closed;

    public StoreWriter(IExecutionStore store) => _store = store;

    /// <summary>Whether a commit is running (a write queued now waits for it).</summary>
    public bool IsBusy => Volatile.Read(ref _leading);

    /// <summary>
    /// Queues a write; the task completes when it is committed. When no commit runs, the caller leads — on its own thread,
    /// or with <paramref name="background"/> on a pool thread (the caller does not wait for the write).
    /// </summary>
    public Task EnqueueAsync(Func<ExecutionWrite> write, bool background = false)
    {
        // Continuations run where the commit completes (no extra thread switch); each runs its execution only up to
        // its next await, so the leader's loop never nests.
        var queued = new QueuedWrite(write, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            if (_closed)
            {
                return Task.FromException(new ObjectDisposedException(nameof(StoreWriter), "The engine has shut down; nothing more is written."));
            }

            _queued.Add(queued);
            if (_leading)
            {
                return queued.Done.Task;
            }

            _leading = true;
        }

        _leader = background ? Task.Run(LeadAsync) : LeadAsync();
        return queued.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        Task leader;
        lock (_gate)
        {
            _closed = true;
            leader = _leader;
        }

        await leader.ConfigureAwait(false);
    }

    private async Task LeadAsync()
    {
        var writes = new List<ExecutionWrite>(MaxWritesPerCommit);
        while (true)
        {
            List<QueuedWrite> batch;
            lock (_gate)
            {
                if (_queued.Count == 0)
                {
                    _leading = false;
                    return;
                }

                if (_queued.Count <= MaxWritesPerCommit)
                {
                    batch = _queued;
                    _queued = [];
                }
                else
                {
                    batch = _queued.GetRange(0, MaxWritesPerCommit);
                    _queued.RemoveRange(0, MaxWritesPerCommit);
                }
            }

            Exception? failure = null;
            try
            {
                foreach (var queued in batch)
                {
                    writes.Add(queued.Write());
                }

                await _store.CommitAsync(writes, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                failure = e;
            }

            writes.Clear();
            foreach (var queued in batch)
            {
                if (failure is null)
                {
                    queued.Done.TrySetResult();
                }
                else
                {
                    queued.Done.TrySetException(failure);
                }
            }
        }
    }

    private sealed record QueuedWrite(Func<ExecutionWrite> Write, TaskCompletionSource Done);
}
