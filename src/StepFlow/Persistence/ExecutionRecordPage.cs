namespace StepFlow.Persistence;

/// <summary>One page of a store's execution list.</summary>
/// <param name="Records">The records, newest first.</param>
/// <param name="Continuation">Where the next page starts; null on the last page.</param>
public sealed record ExecutionRecordPage(IReadOnlyList<ExecutionRecord> Records, string? Continuation);
