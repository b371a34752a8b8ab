namespace StepFlow.Service;

/// <summary>GetExecutionHistory's parameters.</summary>
public sealed record GetExecutionHistoryRequest
{
    /// <summary>The execution.</summary>
    public required string ExecutionArn { get; init; }

    /// <summary>The page size, 1–1,000 (AWS's default: 100).</summary>
    public int MaxResults { get; init; } = 100;

    /// <summary>The <see cref="HistoryPage.NextToken"/> of the previous page.</summary>
    public string? NextToken { get; init; }

    /// <summary>Newest event first.</summary>
    public bool ReverseOrder { get; init; }

    /// <summary>False leaves inputs and outputs out of the events (metadata only).</summary>
    public bool IncludeExecutionData { get; init; } = true;
}
