using System.Globalization;
using StepFlow.Execution;

namespace StepFlow.Persistence;

/// <summary>
/// Keeps executions in memory: the default store, for tests and for hosts that need no durability. Values are kept
/// by reference (immutable JSON), so storing costs no serialization. Nothing survives the process.
/// </summary>
public sealed class InMemoryExecutionStore : IExecutionStore
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _executions = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public bool IsDurable => false;

    /// <inheritdoc />
    public ValueTask InitializeAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <inheritdoc />
    public ValueTask<ExecutionRecord?> TryCreateAsync(ExecutionRecord record, IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(events);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_executions.TryGetValue(record.ExecutionArn, out var existing))
            {
                return ValueTask.FromResult<ExecutionRecord?>(existing.Record);
            }

            var entry = new Entry(record);
            Append(entry, events);
            _executions.Add(record.ExecutionArn, entry);
            return ValueTask.FromResult<ExecutionRecord?>(null);
        }
    }

    /// <inheritdoc />
    public ValueTask CommitAsync(IReadOnlyList<ExecutionWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            // Check every write before changing anything: a commit is atomic.
            var next = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var write in writes)
            {
                if (!_executions.TryGetValue(write.ExecutionArn, out var entry))
                {
                    throw new InvalidOperationException($"The store has no execution '{write.ExecutionArn}'.");
                }

                var expected = next.TryGetValue(write.ExecutionArn, out var n) ? n : entry.Events.Count + 1;
                if (write.Events is RecordedEvents recorded)
                {
                    // The engine's own events: ids follow one another by construction.
                    if (recorded.Count > 0 && recorded.FirstId != expected)
                    {
                        throw new InvalidOperationException(
                            $"Event {recorded.FirstId} of '{write.ExecutionArn}' does not follow event {expected - 1}; nothing of the commit was written.");
                    }

                    next[write.ExecutionArn] = expected + recorded.Count;
                    continue;
                }

                foreach (var stored in write.Events)
                {
                    if (stored.Id != expected)
                    {
                        throw new InvalidOperationException(
                            $"Event {stored.Id} of '{write.ExecutionArn}' does not follow event {expected - 1}; nothing of the commit was written.");
                    }

                    expected++;
                }

                next[write.ExecutionArn] = expected;
            }

            foreach (var write in writes)
            {
                var entry = _executions[write.ExecutionArn];
                Append(entry, write.Events);
                if (write.Record is not null)
                {
                    entry.Record = write.Record;
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<ExecutionRecord?> GetAsync(string executionArn, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return ValueTask.FromResult(_executions.TryGetValue(executionArn, out var entry) ? entry.Record : null);
        }
    }

    /// <inheritdoc />
    public ValueTask<ExecutionRecordPage> ListAsync(ExecutionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        var after = ParseContinuation(query.Continuation);
        List<ExecutionRecord> matching;
        lock (_gate)
        {
            matching = _executions.Values
                .Select(e => e.Record)
                .Where(r => r.StateMachineArn == query.StateMachineArn &&
                            (query.Status is null || r.Status == query.Status) &&
                            (query.Redriven is null || (r.RedriveCount > 0) == query.Redriven))
                .ToList();
        }

        matching.Sort(NewestFirst);
        var start = 0;
        if (after is { } key)
        {
            while (start < matching.Count && NewestFirst(matching[start], key) <= 0)
            {
                start++;
            }
        }

        var page = matching.Skip(start).Take(query.Limit).ToList();
        var more = start + page.Count < matching.Count;
        var continuation = more && page.Count > 0 ? FormatContinuation(page[^1]) : null;
        return ValueTask.FromResult(new ExecutionRecordPage(page, continuation));
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ExecutionRecord>> ListRunningAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<ExecutionRecord> running = _executions.Values.Select(e => e.Record).Where(r => r.Status == ExecutionStatus.Running).ToList();
            return ValueTask.FromResult(running);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<StoredEvent>> ReadEventsAsync(string executionArn, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<StoredEvent> events = _executions.TryGetValue(executionArn, out var entry) ? entry.Events.ToArray() : [];
            return ValueTask.FromResult(events);
        }
    }

    /// <inheritdoc />
    public ValueTask<int> PurgeAsync(DateTimeOffset stoppedBefore, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var expired = _executions.Values
                .Where(e => e.Record.Status != ExecutionStatus.Running && e.Record.StopDate < stoppedBefore)
                .Select(e => e.Record.ExecutionArn)
                .ToList();
            foreach (var arn in expired)
            {
                _executions.Remove(arn);
            }

            return ValueTask.FromResult(expired.Count);
        }
    }

    private static void Append(Entry entry, IReadOnlyList<StoredEvent> events)
    {
        if (events is RecordedEvents recorded)
        {
            if (recorded.Count > 0 && recorded.FirstId != entry.Events.Count + 1)
            {
                throw new InvalidOperationException(
                    $"Event {recorded.FirstId} of '{entry.Record.ExecutionArn}' does not follow event {entry.Events.Count}.");
            }

            entry.Events.Add(recorded);
            return;
        }

        foreach (var stored in events)
        {
            if (stored.Id != entry.Events.Count + 1)
            {
                throw new InvalidOperationException(
                    $"Event {stored.Id} of '{entry.Record.ExecutionArn}' does not follow event {entry.Events.Count}.");
            }

            entry.Events.Add(stored);
        }
    }

    private static int NewestFirst(ExecutionRecord a, ExecutionRecord b) => NewestFirst(a, (b.StartDate.UtcTicks, b.ExecutionArn));

    private static int NewestFirst(ExecutionRecord a, (long Ticks, string Arn) b)
    {
        var byDate = b.Ticks.CompareTo(a.StartDate.UtcTicks);
        return byDate != 0 ? byDate : string.CompareOrdinal(a.ExecutionArn, b.Arn);
    }

    private static string FormatContinuation(ExecutionRecord last) =>
        last.StartDate.UtcTicks.ToString(CultureInfo.InvariantCulture) + "|" + last.ExecutionArn;

    private static (long Ticks, string Arn)? ParseContinuation(string? continuation)
    {
        if (continuation is null)
        {
            return null;
        }

        var bar = continuation.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0 || !long.TryParse(continuation.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            throw new FormatException("The continuation is not one this store returned.");
        }

        return (ticks, continuation[(bar + 1)..]);
    }

    private sealed class Entry(ExecutionRecord record)
    {
        public ExecutionRecord Record { get; set; } = record;

        public EventLog Events { get; } = new();
    }

    /// <summary>
    /// An execution's events: the engine's checkpoints are kept as they came (records read in place, made into
    /// <see cref="StoredEvent"/>s only when read), events from other callers one by one.
    /// </summary>
    private sealed class EventLog
    {
        private readonly List<IReadOnlyList<StoredEvent>> _segments = [];

        public long Count { get; private set; }

        public void Add(RecordedEvents events)
        {
            _segments.Add(events);
            Count += events.Count;
        }

        public void Add(StoredEvent stored)
        {
            if (_segments.Count == 0 || _segments[^1] is not List<StoredEvent> single)
            {
                single = [];
                _segments.Add(single);
            }

            single.Add(stored);
            Count++;
        }

        public StoredEvent[] ToArray()
        {
            var events = new StoredEvent[Count];
            var at = 0;
            foreach (var segment in _segments)
            {
                for (var i = 0; i < segment.Count; i++)
                {
                    events[at++] = segment[i];
                }
            }

            return events;
        }
    }
}
