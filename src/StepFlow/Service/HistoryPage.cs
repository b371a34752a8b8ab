using StepFlow.History;

namespace StepFlow.Service;

/// <summary>One page of GetExecutionHistory.</summary>
/// <param name="Events">The events on this page.</param>
/// <param name="NextToken">Pass it back for the next page; null on the last page.</param>
public sealed record HistoryPage(IReadOnlyList<HistoryEvent> Events, string? NextToken);
