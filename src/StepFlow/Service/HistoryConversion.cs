using StepFlow.History;
using StepFlow.Persistence;

namespace StepFlow.Service;

/// <summary>Turns history events into stored events and back.</summary>
internal static class HistoryConversion
{
    public static StoredEvent ToStored(HistoryEvent e) => new()
    {
        Id = e.Id,
        Timestamp = e.Timestamp,
        Type = e.Type,
        StateName = e.StateName,
        Data = e.Data,
        Extra = e.Extra,
        Index = e.Index,
    };

    public static HistoryEvent FromStored(StoredEvent e, bool includeData) =>
        new(e.Id, e.Id - 1, e.Timestamp, e.Type, e.StateName, includeData ? e.Data : null, e.Extra, e.Index);

    public static HistoryEvent WithoutData(HistoryEvent e) =>
        e.Data is null ? e : new(e.Id, e.PreviousEventId, e.Timestamp, e.Type, e.StateName, null, e.Extra, e.Index);
}
