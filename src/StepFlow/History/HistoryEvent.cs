using StepFlow.Json;

namespace StepFlow.History;

/// <summary>
/// One event of an execution's history, shaped like AWS's GetExecutionHistory events.
/// </summary>
/// <param name="Id">1-based sequential id.</param>
/// <param name="PreviousEventId">The id of the event this one follows from (0 for the first).</param>
/// <param name="Timestamp">When it happened, by the engine's TimeProvider.</param>
/// <param name="Type">The AWS event type, e.g. <c>PassStateEntered</c> (see <see cref="HistoryEventTypes"/>).</param>
/// <param name="Details">The event details (e.g. <c>{"name": ..., "input": ...}</c>), or null.</param>
public sealed record HistoryEvent(long Id, long PreviousEventId, DateTimeOffset Timestamp, string Type, JsonObject? Details);
