using StepFlow.Json;

namespace StepFlow.History;

/// <summary>One recorded event, kept compact (no per-event object) until someone reads the history.</summary>
internal readonly record struct HistoryRecord(
    long UtcTicks,
    string Type,
    string? StateName,
    JsonValue? Data,
    JsonObject? Extra,
    int Index,
    Durability.VisitJournal? Journal = null);
