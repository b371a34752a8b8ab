namespace StepFlow.Service;

/// <summary>One page of ListExecutions, newest first.</summary>
/// <param name="Executions">The executions on this page.</param>
/// <param name="NextToken">Pass it back for the next page; null on the last page.</param>
public sealed record ExecutionPage(IReadOnlyList<ExecutionSummary> Executions, string? NextToken);
