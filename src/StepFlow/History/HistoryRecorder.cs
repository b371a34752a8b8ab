using StepFlow.Errors;
using StepFlow.Json;

namespace StepFlow.History;

/// <summary>
/// Collects an execution's events with sequential ids. Thread-safe (Parallel branches and Map iterations
/// record concurrently). Events are stored as compact records that share the data they carry; the public
/// <see cref="HistoryEvent"/> objects are created only when the history is read.
/// </summary>
internal sealed class HistoryRecorder
{
    private readonly TimeProvider _timeProvider;
    private readonly bool _record;
    private readonly int _limit;
    private readonly object _gate = new();
    private const int ChunkSize = 1024;
    private readonly List<HistoryRecord[]> _chunks = [];
    private int _count;
    private long _lastId;

    public HistoryRecorder(TimeProvider timeProvider, bool record, int limit = int.MaxValue)
    {
        _timeProvider = timeProvider;
        _record = record;
        _limit = limit;
    }

    /// <summary>The events recorded so far, in order.</summary>
    public IReadOnlyList<HistoryEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return new HistoryEventList([.. _chunks], _count);
            }
        }
    }

    /// <summary>Appends an event and returns its id. Fails the execution when the history limit is reached.</summary>
    public long Add(string type, string? stateName = null, JsonValue? data = null, JsonObject? extra = null, int index = -1, long utcTicks = 0)
    {
        if (!_record)
        {
            return Interlocked.Increment(ref _lastId);
        }

        var ticks = utcTicks != 0 ? utcTicks : _timeProvider.GetUtcNow().UtcTicks;
        lock (_gate)
        {
            if (_count >= _limit && !type.StartsWith("Execution", StringComparison.Ordinal))
            {
                throw new StatesErrorException(
                    StatesErrorNames.Runtime,
                    $"The execution reached the limit of {_limit} history events.");
            }

            // Fixed-size chunks stay off the large object heap and are never copied as the history grows.
            var slot = _count % ChunkSize;
            if (slot == 0)
            {
                _chunks.Add(new HistoryRecord[_chunks.Count == 0 ? 64 : ChunkSize]);
            }
            else if (_chunks.Count == 1 && slot == _chunks[0].Length)
            {
                var grown = new HistoryRecord[Math.Min(ChunkSize, slot * 4)];
                Array.Copy(_chunks[0], grown, slot);
                _chunks[0] = grown;
            }

            _chunks[^1][slot] = new HistoryRecord(ticks, type, stateName, data, extra, index);
            _count++;
            return ++_lastId;
        }
    }

    /// <summary>A read-only view that materialises each event on first access.</summary>
    private sealed class HistoryEventList(HistoryRecord[][] chunks, int count) : IReadOnlyList<HistoryEvent>
    {
        private readonly HistoryEvent?[] _events = new HistoryEvent?[count];

        public int Count => count;

        public HistoryEvent this[int index]
        {
            get
            {
                ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)count, nameof(index));
                return _events[index] ??= Create(index);
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
            var record = chunks[index / ChunkSize][index % ChunkSize];
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
