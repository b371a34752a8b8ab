using StepFlow.Json;

namespace StepFlow.History;

/// <summary>Collects an execution's events with sequential ids. Thread-safe (Parallel branches and Map iterations record concurrently).</summary>
internal sealed class HistoryRecorder
{
    private readonly List<HistoryEvent>? _events;
    private readonly TimeProvider _timeProvider;
    private readonly object _gate = new();
    private long _lastId;

    public HistoryRecorder(TimeProvider timeProvider, bool record)
    {
        _timeProvider = timeProvider;
        _events = record ? new List<HistoryEvent>(64) : null;
    }

    public IReadOnlyList<HistoryEvent> Events => (IReadOnlyList<HistoryEvent>?)_events ?? [];

    public long Add(string type, string? stateName = null, JsonValue? data = null, JsonObject? extra = null)
    {
        if (_events is null)
        {
            return Interlocked.Increment(ref _lastId);
        }

        var timestamp = _timeProvider.GetUtcNow();
        lock (_gate)
        {
            var id = ++_lastId;
            _events.Add(new HistoryEvent(id, id - 1, timestamp, type, stateName, data, extra));
            return id;
        }
    }
}
