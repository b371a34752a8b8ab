using StepFlow.Errors;
using StepFlow.Json;

namespace StepFlow.History;

/// <summary>
/// Collects an execution's events with sequential ids. Thread-safe without a lock on the hot path
/// (Parallel branches and Map iterations record concurrently): each event reserves its slot with one
/// interlocked increment. Events are stored as compact records in fixed-size chunks that stay off the
/// large object heap; the public <see cref="HistoryEvent"/> objects are created only when the history is read.
/// </summary>
internal sealed class HistoryRecorder
{
    // Chunks grow 16, 32, … 1,024 records and then stay at 1,024 (48 KiB, off the large object heap):
    // a short execution allocates little, a long one never copies what it already recorded.
    private const int FirstChunk = 16;
    private const int GrowingChunks = 7;
    private const int LastChunkSize = FirstChunk << (GrowingChunks - 1);
    private const int GrowingSlots = FirstChunk * ((1 << GrowingChunks) - 1);

    private readonly TimeProvider _timeProvider;
    private readonly bool _record;
    private readonly int _limit;
    private readonly object _growGate = new();
    private HistoryRecord[]?[] _chunks = new HistoryRecord[4][];
    private long _count;
    private object? _serialized;

    /// <summary>Completed at the next append, for whoever watches the history live; null while no one waits (then an append only reads this field).</summary>
    private TaskCompletionSource? _appended;

    public HistoryRecorder(TimeProvider timeProvider, bool record, int limit = int.MaxValue)
    {
        _timeProvider = timeProvider;
        _record = record;
        _limit = limit;
    }

    /// <summary>False when events are only counted (the history is off, an Express execution, a distributed Map's child executions).</summary>
    public bool IsRecording => _record;

    /// <summary>
    /// The events recorded so far, in order. While the execution runs, this is only safe to read with
    /// <see cref="UseSerializedWrites"/> (every execution of the execution API): an event is counted before it is written,
    /// and under the lock a reader never sees one counted but not yet written.
    /// </summary>
    public IReadOnlyList<HistoryEvent> Events
    {
        get
        {
            if (_serialized is { } gate)
            {
                lock (gate)
                {
                    return Snapshot();
                }
            }

            return Snapshot();
        }
    }

    private HistoryEventList Snapshot() =>
        new(Volatile.Read(ref _chunks), (int)Math.Min(Interlocked.Read(ref _count), _record ? int.MaxValue : 0));

    /// <summary>Whether an event was refused because the history limit was reached (such an execution cannot be redriven).</summary>
    public bool LimitReached { get; private set; }

    /// <summary>The number of events recorded.</summary>
    public long Count => Interlocked.Read(ref _count);

    /// <summary>
    /// Makes every append take a lock, so that whenever <see cref="Count"/> is n, events 1..n are fully written (a durable
    /// execution copies them out to its store while branches keep recording). Call before the first event.
    /// </summary>
    public void UseSerializedWrites() => _serialized = new object();

    /// <summary>
    /// Appends (or, when not recording, counts) an event and returns its id. Fails with <c>States.Runtime</c> when the event
    /// would be the limit's and does not close the execution (AWS's rule for its 25,000-event history).
    /// </summary>
    public long Add(string type, string? stateName = null, JsonValue? data = null, JsonObject? extra = null, int index = -1, long utcTicks = 0, VisitJournal? journal = null)
    {
        long id;
        if (_serialized is { } gate)
        {
            lock (gate)
            {
                id = AddCore(type, stateName, data, extra, index, utcTicks, journal);
            }
        }
        else
        {
            id = AddCore(type, stateName, data, extra, index, utcTicks, journal);
        }

        if (Volatile.Read(ref _appended) is not null)
        {
            Interlocked.Exchange(ref _appended, null)?.TrySetResult();
        }

        return id;
    }

    /// <summary>
    /// Completes once more than <paramref name="seen"/> events have been appended (at once when there are already). For
    /// live watchers of an execution of the execution API (whose appends are serialized, so every event counted can be
    /// read); costs an append nothing but a field read while no one waits.
    /// </summary>
    public Task WhenCountExceeds(long seen)
    {
        var signal = Volatile.Read(ref _appended);
        if (signal is null)
        {
            var fresh = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            signal = Interlocked.CompareExchange(ref _appended, fresh, null) ?? fresh;
        }

        // Read after the signal is in place: an append either counted before this read, or sees the signal after it.
        return Interlocked.Read(ref _count) > seen ? Task.CompletedTask : signal.Task;
    }

    /// <summary>Puts back events a store kept (an execution resuming after a restart, or redriven); ids continue after them.</summary>
    public void Seed(IEnumerable<HistoryRecord> records)
    {
        foreach (var record in records)
        {
            var id = Interlocked.Increment(ref _count);
            if (_record)
            {
                var (chunkIndex, offset) = Locate(id - 1);
                ChunkFor(chunkIndex)[offset] = record;
            }
        }
    }

    /// <summary>
    /// The events recorded so far, read in place (no copy): a record never changes once written. Needs
    /// <see cref="UseSerializedWrites"/>, so that every event counted is completely written.
    /// </summary>
    public RecordView View()
    {
        lock (_serialized ?? _growGate)
        {
            return new RecordView(Volatile.Read(ref _chunks), Interlocked.Read(ref _count));
        }
    }

    private long AddCore(string type, string? stateName, JsonValue? data, JsonObject? extra, int index, long utcTicks, VisitJournal? journal)
    {
        var id = Interlocked.Increment(ref _count);

        // AWS: event number <limit> may only close the execution; anything else fails it, and that failure is the event.
        // Counted whether or not events are kept, so a loop ends the same way with the history off.
        if (id >= _limit && !type.StartsWith("Execution", StringComparison.Ordinal))
        {
            Interlocked.Decrement(ref _count);
            LimitReached = true;
            throw new StatesErrorException(
                StatesErrorNames.Runtime,
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The execution reached the maximum number of history events ({_limit})."));
        }

        if (!_record)
        {
            return id;
        }

        var (chunkIndex, offset) = Locate(id - 1);
        var chunk = ChunkFor(chunkIndex);
        chunk[offset] = new HistoryRecord(
            utcTicks != 0 ? utcTicks : _timeProvider.GetUtcNow().UtcTicks, type, stateName, data, extra, index, journal);
        return id;
    }

    private static (int Chunk, int Offset) Locate(long slot)
    {
        if (slot < GrowingSlots)
        {
            var chunk = System.Numerics.BitOperations.Log2((uint)(slot / FirstChunk) + 1);
            return (chunk, (int)(slot - (FirstChunk * ((1L << chunk) - 1))));
        }

        var rest = slot - GrowingSlots;
        return (GrowingChunks + (int)(rest / LastChunkSize), (int)(rest % LastChunkSize));
    }

    private static int ChunkLength(int chunkIndex) => chunkIndex < GrowingChunks ? FirstChunk << chunkIndex : LastChunkSize;

    private HistoryRecord[] ChunkFor(int chunkIndex)
    {
        var chunks = Volatile.Read(ref _chunks);
        if (chunkIndex < chunks.Length && chunks[chunkIndex] is { } existing)
        {
            return existing;
        }

        lock (_growGate)
        {
            chunks = _chunks;
            if (chunkIndex >= chunks.Length)
            {
                var grown = new HistoryRecord[]?[Math.Max(chunks.Length * 2, chunkIndex + 1)];
                Array.Copy(chunks, grown, chunks.Length);
                chunks = grown;
            }

            var chunk = chunks[chunkIndex] ??= new HistoryRecord[ChunkLength(chunkIndex)];
            Volatile.Write(ref _chunks, chunks);
            return chunk;
        }
    }

    /// <summary>The events 1..<see cref="Count"/> as they were when <see cref="View"/> was called.</summary>
    internal readonly struct RecordView(HistoryRecord[]?[] chunks, long count)
    {
        /// <summary>How many events the view holds.</summary>
        public long Count => count;

        /// <summary>The event with id <paramref name="id"/> (1..<see cref="Count"/>).</summary>
        public ref readonly HistoryRecord this[long id]
        {
            get
            {
                if (id < 1 || id > count)
                {
                    throw new ArgumentOutOfRangeException(nameof(id), id, $"The view holds events 1..{count}.");
                }

                var (chunk, offset) = Locate(id - 1);
                return ref chunks[chunk]![offset];
            }
        }
    }

    /// <summary>
    /// A read-only view that materialises each event on first access. Materialised events are kept in
    /// 1,024-event blocks made when first read, so a long history that nobody reads costs no large array.
    /// </summary>
    private sealed class HistoryEventList(HistoryRecord[]?[] chunks, int count) : IReadOnlyList<HistoryEvent>
    {
        private const int BlockSize = 1024;

        private readonly HistoryEvent?[]?[] _blocks = new HistoryEvent?[]?[(count + BlockSize - 1) / BlockSize];

        public int Count => count;

        public HistoryEvent this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)count, nameof(index));
                var block = Volatile.Read(ref _blocks[index / BlockSize]);
                if (block is null)
                {
                    Interlocked.CompareExchange(ref _blocks[index / BlockSize], new HistoryEvent?[BlockSize], null);
                    block = _blocks[index / BlockSize]!;
                }

                ref var slot = ref block[index % BlockSize];
                if (Volatile.Read(ref slot) is { } existing)
                {
                    return existing;
                }

                // Readers on several threads may create the same event at once: the first one stored is everyone's.
                var created = Create(index);
                return Interlocked.CompareExchange(ref slot, created, null) ?? created;
            }
        }

        public IEnumerator<HistoryEvent> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        private HistoryEvent Create(int index)
        {
            var (chunk, offset) = Locate(index);
            var record = chunks[chunk]![offset];
            return new HistoryEvent(
                index + 1,
                index,
                new DateTimeOffset(record.UtcTicks, TimeSpan.Zero),
                record.Type,
                record.StateName,
                record.Data,
                record.Extra,
                record.Index);
        }
    }
}
