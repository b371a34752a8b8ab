using StepFlow.Json;

namespace StepFlow.History;

/// <summary>
/// One event of an execution's history, shaped like AWS's GetExecutionHistory events. The data an event
/// carries is kept by reference and only serialized when <see cref="Details"/> is read.
/// </summary>
public sealed class HistoryEvent
{
    private JsonObject? _details;

    internal HistoryEvent(long id, long previousEventId, DateTimeOffset timestamp, string type, string? stateName, JsonValue? data, JsonObject? extra, int index = -1)
    {
        Id = id;
        PreviousEventId = previousEventId;
        Timestamp = timestamp;
        Type = type;
        StateName = stateName;
        Data = data;
        Extra = extra;
        Index = index;
    }

    /// <summary>The Map iteration index for MapIteration* events, else -1.</summary>
    public int Index { get; }

    /// <summary>1-based sequential id.</summary>
    public long Id { get; }

    /// <summary>The id of the event this one follows from (0 for the first).</summary>
    public long PreviousEventId { get; }

    /// <summary>When it happened, by the engine's TimeProvider.</summary>
    public DateTimeOffset Timestamp { get; }

    /// <summary>The AWS event type, e.g. <c>PassStateEntered</c> (see <see cref="HistoryEventTypes"/>).</summary>
    public string Type { get; }

    /// <summary>The state the event belongs to, if any.</summary>
    public string? StateName { get; }

    /// <summary>The input or output the event carries, if any.</summary>
    public JsonValue? Data { get; }

    /// <summary>Other detail fields (error, cause, resource, index, ...).</summary>
    public JsonObject? Extra { get; }

    /// <summary>The AWS-shaped details object of the event (built on first read).</summary>
    public JsonObject Details => _details ??= BuildDetails();

    /// <inheritdoc />
    public override string ToString() => $"{Id} {Type}{(StateName is null ? string.Empty : " " + StateName)}";

    private JsonObject BuildDetails()
    {
        var builder = new JsonObjectBuilder();
        if (StateName is not null)
        {
            builder.Set("name", JsonValue.From(StateName));
        }

        if (Index >= 0)
        {
            builder.Set("index", JsonValue.From(Index));
        }

        if (Data is not null)
        {
            var field = Type == HistoryEventTypes.TaskScheduled ? "parameters"
                : Type.EndsWith("Exited", StringComparison.Ordinal) || Type.EndsWith("Succeeded", StringComparison.Ordinal) ||
                  Type == HistoryEventTypes.TaskSubmitted ? "output"
                : "input";
            builder.Set(field, JsonValue.From(Data.ToJsonString()));
            if (field != "parameters")
            {
                builder.Set(field + "Details", JsonObject.Create(("truncated", JsonValue.False)));
            }
        }

        if (Extra is not null)
        {
            foreach (var member in Extra.Members)
            {
                builder.Set(member.Key, member.Value);
            }
        }

        return builder.Build();
    }
}
