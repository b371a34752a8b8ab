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
    private const long BatchEvents = 4_096;

    private readonly object _gate = new();
    private readonly StoreWriter _writer;
    private readonly HistoryRecorder _history;
    private long _written;
    private Task _last = Task.CompletedTask;
    private Exception? _fault;

    public DurableLog(StoreWriter writer, string executionArn, HistoryRecorder history, long alreadyStored)
    {
        _writer = writer;
        ExecutionArn = executionArn;
        _history = history;
        _written = alreadyStored;
    }

    public string ExecutionArn { get; }

    /// <summary>The error that faulted the log, if one did.</summary>
    public Exception? Fault => Volatile.Read(ref _fault);

    /// <summary>Whether enough events wait for an unforced checkpoint.</summary>
    public bool ShouldCheckpoint => _history.Count - Interlocked.Read(ref _written) >= BatchEvents;

    /// <summary>Makes every event recorded so far (and <paramref name="record"/>, when given) durable.</summary>
    public Task CheckpointAsync(ExecutionRecord? record = null)
    {
        lock (_gate)
        {
            if (_fault is { } fault)
            {
                return Task.FromException(new ExecutionStoreException(ExecutionArn, fault));
            }

            var through = _history.Count;
            var from = _written;
            if (through == from && record is null)
            {
                return _last;
            }

            _written = through;
            var write = _writer.EnqueueAsync(() => new ExecutionWrite(ExecutionArn, record, Convert(_history.Copy(from, through), from + 1)));
            _last = Observe(write);
            return _last;
        }
    }

    private async Task Observe(Task write)
    {
        try
        {
            await write.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Interlocked.CompareExchange(ref _fault, e, null);
            throw new ExecutionStoreException(ExecutionArn, e);
        }
    }

    private static StoredEvent[] Convert(HistoryRecord[] records, long firstId)
    {
        var events = new StoredEvent[records.Length];
        for (var i = 0; i < records.Length; i++)
        {
            events[i] = EventConversion.ToStored(records[i], firstId + i);
        }

        return events;
    }
}
