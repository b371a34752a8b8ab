using StepFlow.Durability;
using StepFlow.Json;

namespace StepFlow.History;

/// <summary>
/// One recorded event, kept compact (no per-event object) until someone reads the history. The detail fields and the
/// journal share one slot — most events carry one or neither — so a record is 48 bytes. Stores read it through
/// <see cref="Persistence.RecordedEvents.Record"/>; only the engine creates it.
/// </summary>
public readonly struct HistoryRecord
{
    /// <summary>A <see cref="JsonObject"/> (the detail fields), a <see cref="VisitJournal"/>, or <see cref="Both"/>.</summary>
    private readonly object? _detail;

    internal HistoryRecord(long utcTicks, string type, string? stateName, JsonValue? data, JsonObject? extra, int index, VisitJournal? journal = null)
    {
        UtcTicks = utcTicks;
        Type = type;
        StateName = stateName;
        Data = data;
        Index = index;
        _detail = journal is null ? extra : extra is null ? journal : new Both(extra, journal);
    }

    /// <summary>When it happened (UTC ticks).</summary>
    public long UtcTicks { get; }

    /// <summary>The AWS event type.</summary>
    public string Type { get; }

    /// <summary>The state the event belongs to, if any.</summary>
    public string? StateName { get; }

    /// <summary>The input or output the event carries, if any.</summary>
    public JsonValue? Data { get; }

    /// <summary>The Map iteration index for MapIteration* events, else -1.</summary>
    public int Index { get; }

    /// <summary>Other detail fields (error, cause, resource, ...).</summary>
    public JsonObject? Extra => _detail switch
    {
        JsonObject extra => extra,
        Both both => both.Extra,
        _ => null,
    };

    /// <summary>What a journaled execution keeps beside the event to resume or be redriven.</summary>
    public VisitJournal? Journal => _detail switch
    {
        VisitJournal journal => journal,
        Both both => both.Journal,
        _ => null,
    };

    private sealed record Both(JsonObject Extra, VisitJournal Journal);
}
