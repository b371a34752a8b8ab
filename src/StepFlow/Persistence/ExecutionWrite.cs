namespace StepFlow.Persistence;

/// <summary>What one commit writes for one execution: new events and, optionally, the replaced record.</summary>
/// <param name="ExecutionArn">The execution.</param>
/// <param name="Record">The record's new state; null leaves it as it is.</param>
/// <param name="Events">Events to append, in id order, continuing the stored ones.</param>
public sealed record ExecutionWrite(string ExecutionArn, ExecutionRecord? Record, IReadOnlyList<StoredEvent> Events);
