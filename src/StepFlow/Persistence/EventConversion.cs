using StepFlow.History;
using StepFlow.Persistence;

namespace StepFlow.Persistence;

/// <summary>Turns recorded events into stored ones and back, journal included.</summary>
internal static class EventConversion
{
    public static StoredEvent ToStored(HistoryRecord record, long id) => new()
    {
        Id = id,
        Timestamp = new DateTimeOffset(record.UtcTicks, TimeSpan.Zero),
        Type = record.Type,
        StateName = record.StateName,
        Data = record.Data,
        Extra = record.Extra,
        Index = record.Index,
        Scope = record.Journal?.Scope,
        Visit = record.Journal?.Visit ?? -1,
        Journal = record.Journal?.ToJson(),
    };

    public static HistoryRecord ToRecord(StoredEvent stored) => new(
        stored.Timestamp.UtcTicks,
        stored.Type,
        stored.StateName,
        stored.Data,
        stored.Extra,
        stored.Index,
        VisitJournal.FromStored(stored.Scope, stored.Visit, stored.Journal));
}
