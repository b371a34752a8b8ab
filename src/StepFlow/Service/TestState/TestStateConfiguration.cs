namespace StepFlow.Service.TestState;

/// <summary>What the tested state sees of the run around it.</summary>
public sealed record TestStateConfiguration
{
    /// <summary>How many retries already ran: decides whether a retrier still retries, and its back-off.</summary>
    public int? RetrierRetryCount { get; init; }

    /// <summary>The state inside a Map or Parallel that raised the mocked error.</summary>
    public string? ErrorCausedByState { get; init; }

    /// <summary>How many Map iterations failed (checked against the tolerated failure count or percentage).</summary>
    public int? MapIterationFailureCount { get; init; }

    /// <summary>The items (JSON text of an array) the Map's ItemReader would have read.</summary>
    public string? MapItemReaderData { get; init; }
}
