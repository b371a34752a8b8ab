using StepFlow.History;
using StepFlow.Persistence;

namespace StepFlow.Durability;

/// <summary>
/// Checkpoints one durable execution: copies the events recorded since the last checkpoint to the store through the
/// engine's <see cref="StoreWriter"/>. Checkpoints of one execution commit in order. Once a write fails the log is
/// faulted: every later checkpoint fails with the same error, and the execution stops where its last good checkpoint
/// left it (it stays RUNNING in the store and resumes on recovery) — nothing is half-written or silently dropped.
/// </summary>
internal sealed class DurableLog
{
    /// <summary>Unforced checkpoints start once this many events wait (side-effect-free states are written in batches).</summary>
    private const long BatchEvents = 512;

    private readonly object _gate = new();
    private readonly StoreWriter _writer;
    private readonly IEventPreEncoder? _encoder;
    private readonly HistoryRecorder _history;
    private readonly TimeProvider _clock;
    private long _written;
    private long _durable;
    private Task _last = Task.CompletedTask;
    private Exception? _fault;

    /// <param name="writer">The engine's writer to the store.</param>
    /// <param name="executionArn">The execution.</param>
    /// <param name="history">The execution's recorder.</param>
    /// <param name="alreadyStored">How many of its events the store holds.</param>
    /// <param name="encoder">
    /// The store, when it can encode events ahead of the commit. A checkpoint then encodes its events on the execution's
    /// own thread, where they are still in the processor's cache, whenever the store's writer has work already: always
    /// for a forced checkpoint (the execution waits for it anyway), and for an unforced one while a commit runs. An
    /// unforced checkpoint that finds the writer idle leaves the encoding to the commit, on the other thread, so the
    /// execution goes on at once.
    /// </param>
    /// <param name="clock">The engine's clock, which times commits for the <c>stepflow.store.commit.duration</c> metric.</param>
    public DurableLog(StoreWriter writer, string executionArn, HistoryRecorder history, long alreadyStored, IEventPreEncoder? encoder = null, TimeProvider? clock = null)
    {
        _clock = clock ?? TimeProvider.System;
        _writer = writer;
        _encoder = encoder;
        ExecutionArn = executionArn;
        _history = history;
        _written = alreadyStored;
        _durable = alreadyStored;
    }

    public string ExecutionArn { get; }

    /// <summary>The error that faulted the log, if one did.</summary>
    public Exception? Fault => Volatile.Read(ref _fault);

    /// <summary>How many of the execution's events the store is known to hold (the events of every checkpoint that committed).</summary>
    public long DurableCount => Interlocked.Read(ref _durable);

    /// <summary>Whether enough events wait for an unforced checkpoint.</summary>
    public bool ShouldCheckpoint => _history.Count - Interlocked.Read(ref _written) >= BatchEvents;

    /// <summary>
    /// Creates the execution in the store, queued before every checkpoint of the log, while the execution may already
    /// run (its effects wait for checkpoints, which wait for this). The task gives the record of an execution that had
    /// the ARN already. When the execution is not created, the log is faulted before any of its writes runs: nothing
    /// of this run reaches the store, least of all the other execution's history.
    /// </summary>
    public Task<ExecutionRecord?> CreateAsync(ExecutionRecord record)
    {
        lock (_gate)
        {
            var created = _writer.EnqueueCreateAsync(record, Refuse);
            _last = created;
            return created;
        }
    }

    /// <summary>Makes every event recorded so far (and <paramref name="record"/>, when given) durable.</summary>
    public Task CheckpointAsync(ExecutionRecord? record = null) => Checkpoint(record, background: false);

    /// <summary>
    /// Starts making every event recorded so far durable without waiting for it: when no commit runs, the commit runs on
    /// a pool thread while the execution goes on (an unforced checkpoint of side-effect-free states). A later
    /// <see cref="CheckpointAsync"/> commits after it; a failure faults the log.
    /// </summary>
    public void CheckpointInBackground() => _ = Checkpoint(null, background: true);

    private Task Checkpoint(ExecutionRecord? record, bool background)
    {
        lock (_gate)
        {
            if (_fault is { } fault)
            {
                return Task.FromException(new ExecutionStoreException(ExecutionArn, fault));
            }

            var view = _history.View();
            var from = _written;
            if (view.Count == from && record is null)
            {
                return _last;
            }

            _written = view.Count;
            var events = new RecordedEvents(view, from + 1);
            if (_encoder is not null && events.Count > 0 && (!background || _writer.IsBusy))
            {
                events.PreEncoded = PreEncode(_encoder, events);
            }

            var write = _writer.EnqueueAsync(() => Volatile.Read(ref _fault) is { } refused
                ? throw new ExecutionStoreException(ExecutionArn, refused)
                : new ExecutionWrite(ExecutionArn, record, events), background);
            _last = Observe(write, view.Count, Diagnostics.EngineTelemetry.StoreCommitDuration.Enabled ? _clock.GetTimestamp() : 0);
            return _last;
        }
    }

    /// <summary>The events in the store's form, or null when the store cannot keep them (its commit then fails with its own error).</summary>
    private static object? PreEncode(IEventPreEncoder encoder, RecordedEvents events)
    {
        try
        {
            return encoder.PreEncode(events);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Faults the log when its execution was not created (<paramref name="reason"/> is null when it was).</summary>
    private void Refuse(Exception? reason)
    {
        if (reason is not null)
        {
            Interlocked.CompareExchange(ref _fault, reason, null);
        }
    }

    private async Task Observe(Task write, long count, long requested)
    {
        try
        {
            await write.ConfigureAwait(false);
            if (requested != 0)
            {
                Diagnostics.EngineTelemetry.StoreCommitDuration.Record(_clock.GetElapsedTime(requested).TotalMilliseconds);
            }

            // Checkpoints of one log commit in order, so the last one to complete holds the most events.
            long known;
            while ((known = Interlocked.Read(ref _durable)) < count && Interlocked.CompareExchange(ref _durable, count, known) != known)
            {
            }
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _fault, e, null);
            throw new ExecutionStoreException(ExecutionArn, e);
        }
    }
}
