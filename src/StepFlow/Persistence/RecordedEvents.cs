using System.Collections;
using StepFlow.Durability;
using StepFlow.History;

namespace StepFlow.Persistence;

/// <summary>
/// The events a checkpoint hands to the store, read in place from the execution's recorder: a <see cref="StoredEvent"/>
/// is made only when a store reads one through the list. A store that knows this type (the SQLite store) encodes the
/// records (<see cref="Record"/>) and their journals (<see cref="VisitJournal"/>) directly, with no per-event object;
/// every other store sees an ordinary list. Only the engine creates it.
/// </summary>
public sealed class RecordedEvents : IReadOnlyList<StoredEvent>
{
    private readonly HistoryRecorder.RecordView _view;
    private StoredEvent?[]? _converted;

    /// <summary>The events <paramref name="firstId"/>..<see cref="HistoryRecorder.RecordView.Count"/> of <paramref name="view"/>.</summary>
    internal RecordedEvents(HistoryRecorder.RecordView view, long firstId)
    {
        _view = view;
        FirstId = firstId;
        Count = checked((int)(view.Count - firstId + 1));
    }

    /// <summary>The id of the first event; the others follow without gaps.</summary>
    public long FirstId { get; }

    /// <summary>
    /// The events in a store's stored form, made by <see cref="IEventPreEncoder.PreEncode"/> before the events were handed
    /// over (null when they were not): set once, before the commit.
    /// </summary>
    public object? PreEncoded { get; internal set; }

    /// <inheritdoc />
    public int Count { get; }

    /// <inheritdoc />
    public StoredEvent this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
            var converted = _converted ??= new StoredEvent?[Count];
            return converted[index] ??= EventConversion.ToStored(Record(index), FirstId + index);
        }
    }

    /// <summary>
    /// The recorded event at <paramref name="index"/>, journal included, read in place: the same event as
    /// <c>this[index]</c> without making a <see cref="StoredEvent"/>.
    /// </summary>
    public ref readonly HistoryRecord Record(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)Count, nameof(index));
        return ref _view[FirstId + index];
    }

    /// <inheritdoc />
    public IEnumerator<StoredEvent> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
