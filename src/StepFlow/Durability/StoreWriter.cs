using StepFlow.Persistence;

namespace StepFlow.Durability;

/// <summary>
/// Writes to the store for every durable execution of an engine, batching across executions (group commit): the first
/// writer to arrive while no commit runs leads — it commits what is queued, then whatever queued up meanwhile, as one
/// batch each, until the queue is empty. Writers that arrive during a commit wait for the next batch. There is no
/// background thread and, for a lone writer, no thread switch: its commit runs on its own thread. Work runs in the order
/// it was queued: consecutive writes commit as one transaction, and a new execution is created on its own, before any
/// write queued after it. A queued item's task completes once it is durable, or fails with the store's error.
/// </summary>
internal sealed class StoreWriter : IAsyncDisposable
{
    private const int MaxWritesPerCommit = 512;

    private readonly IExecutionStore _store;
    private readonly object _gate = new();
    private readonly List<QueuedWork> _committing = new(MaxWritesPerCommit);
    private readonly List<ExecutionWrite> _writes = new(MaxWritesPerCommit);
    private List<QueuedWork> _queued = [];
    private Task _leader = Task.CompletedTask;
    private bool _leading;
    private bool _closed;

    public StoreWriter(IExecutionStore store) => _store = store;

    /// <summary>Whether a commit is running (a write queued now waits for it).</summary>
    public bool IsBusy => Volatile.Read(ref _leading);

    /// <summary>
    /// Queues a write; the task completes when it is committed. When no commit runs, the caller leads — on its own thread,
    /// or with <paramref name="background"/> on a pool thread (the caller does not wait for the write). When
    /// <paramref name="write"/> throws, only that write fails.
    /// </summary>
    public Task EnqueueAsync(Func<ExecutionWrite> write, bool background = false) => Enqueue(new QueuedWork(write, null, null), background);

    /// <summary>
    /// Queues the creation of a new execution (<see cref="IExecutionStore.TryCreateAsync"/>, with no events), led on a pool
    /// thread; writes queued after it run after it. The task gives the record of an execution that already had the ARN
    /// (nothing was created then). <paramref name="outcome"/> learns how it went — null when the execution was created,
    /// else why not — before anything queued after it runs.
    /// </summary>
    public Task<ExecutionRecord?> EnqueueCreateAsync(ExecutionRecord record, Action<Exception?> outcome) =>
        Enqueue(new QueuedWork(null, record, outcome), background: true);

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

    private Task<ExecutionRecord?> Enqueue(QueuedWork queued, bool background)
    {
        // Continuations run where the commit completes (no extra thread switch); each runs its execution only up to
        // its next await, so the leader's loop never nests.
        lock (_gate)
        {
            if (_closed)
            {
                return Task.FromException<ExecutionRecord?>(new ObjectDisposedException(nameof(StoreWriter), "The engine has shut down; nothing more is written."));
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

    private async Task LeadAsync()
    {
        while (true)
        {
            List<QueuedWork> batch;
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

            var at = 0;
            while (at < batch.Count)
            {
                if (batch[at].NewRecord is not null)
                {
                    await CreateAsync(batch[at]).ConfigureAwait(false);
                    at++;
                    continue;
                }

                while (at < batch.Count && batch[at].NewRecord is null)
                {
                    var queued = batch[at++];
                    try
                    {
                        _writes.Add(queued.Write!());
                        _committing.Add(queued);
                    }
                    catch (Exception e)
                    {
                        queued.Done.TrySetException(e);
                    }
                }

                await CommitAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task CommitAsync()
    {
        if (_writes.Count == 0)
        {
            return;
        }

        Exception? failure = null;
        try
        {
            await _store.CommitAsync(_writes, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ArgumentException) when (_writes.Count > 1)
        {
            // The store refused data of one write (nothing of the batch was written): commit each write on its own, so
            // one execution's unstorable data does not stop the others that happened to share its commit.
            await CommitOneByOneAsync().ConfigureAwait(false);
            return;
        }
        catch (Exception e)
        {
            failure = e;
        }

        _writes.Clear();
        foreach (var queued in _committing)
        {
            if (failure is null)
            {
                queued.Done.TrySetResult(null);
            }
            else
            {
                queued.Done.TrySetException(failure);
            }
        }

        _committing.Clear();
    }

    private async Task CommitOneByOneAsync()
    {
        var one = new ExecutionWrite[1];
        for (var i = 0; i < _writes.Count; i++)
        {
            one[0] = _writes[i];
            try
            {
                await _store.CommitAsync(one, CancellationToken.None).ConfigureAwait(false);
                _committing[i].Done.TrySetResult(null);
            }
            catch (Exception e)
            {
                _committing[i].Done.TrySetException(e);
            }
        }

        _writes.Clear();
        _committing.Clear();
    }

    private async Task CreateAsync(QueuedWork queued)
    {
        var record = queued.NewRecord!;
        try
        {
            var existing = await _store.TryCreateAsync(record, [], CancellationToken.None).ConfigureAwait(false);
            queued.Outcome!(existing is null ? null : new InvalidOperationException($"An execution '{record.ExecutionArn}' exists already."));
            queued.Done.TrySetResult(existing);
        }
        catch (Exception e)
        {
            queued.Outcome!(e);
            queued.Done.TrySetException(e);
        }
    }

    /// <summary>A write (<see cref="Write"/>) or the creation of an execution (<see cref="NewRecord"/>).</summary>
    private sealed class QueuedWork(Func<ExecutionWrite>? write, ExecutionRecord? newRecord, Action<Exception?>? outcome)
    {
        public Func<ExecutionWrite>? Write { get; } = write;

        public ExecutionRecord? NewRecord { get; } = newRecord;

        public Action<Exception?>? Outcome { get; } = outcome;

        public TaskCompletionSource<ExecutionRecord?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
