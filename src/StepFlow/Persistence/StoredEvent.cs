using StepFlow.Json;

namespace StepFlow.Persistence;

/// <summary>
/// One history event as a store keeps it: the AWS-shaped fields, plus where in the execution it happened
/// (<see cref="Scope"/>, <see cref="Visit"/>) and StepFlow's own bookkeeping (<see cref="Journal"/>), which
/// let an interrupted execution resume exactly where it stopped.
/// </summary>
public sealed record StoredEvent
{
    /// <summary>1-based sequential id within the execution.</summary>
    public required long Id { get; init; }

    /// <summary>When it happened.</summary>
    public required DateTimeOffset Timestamp { get; init; }

    /// <summary>The AWS event type.</summary>
    public required string Type { get; init; }

    /// <summary>The state the event belongs to, if any.</summary>
    public string? StateName { get; init; }

    /// <summary>The input or output the event carries, if any.</summary>
    public JsonValue? Data { get; init; }

    /// <summary>Other AWS detail fields (error, cause, resource, ...).</summary>
    public JsonObject? Extra { get; init; }

    /// <summary>The Map iteration index for MapIteration* events, else -1.</summary>
    public int Index { get; init; } = -1;

    /// <summary>The running graph the event belongs to (the machine, a branch, an iteration); null for execution events.</summary>
    public string? Scope { get; init; }

    /// <summary>The 0-based number of the state visit within <see cref="Scope"/>; -1 when not a state's event.</summary>
    public int Visit { get; init; } = -1;

    /// <summary>StepFlow's resume data (a task token, a timer's due time); never shown in the AWS-shaped history.</summary>
    public JsonObject? Journal { get; init; }
}
