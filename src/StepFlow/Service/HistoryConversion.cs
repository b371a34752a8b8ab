using StepFlow.History;
using StepFlow.Persistence;

namespace StepFlow.Service;

/// <summary>Turns stored events into history events, and drops an event's data.</summary>
internal static class HistoryConversion
{
    public static HistoryEvent FromStored(StoredEvent e) =>
        new(e.Id, e.Id - 1, e.Timestamp, e.Type, e.StateName, e.Data, e.Extra, e.Index);

    public static HistoryEvent WithoutData(HistoryEvent e) =>
        e.Data is null ? e : new(e.Id, e.PreviousEventId, e.Timestamp, e.Type, e.StateName, null, e.Extra, e.Index);
}
