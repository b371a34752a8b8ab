namespace StepFlow.Service.TestState;

/// <summary>Which retrier or catcher of the tested state handled its error.</summary>
public sealed record TestStateErrorDetails
{
    /// <summary>The index of the catcher that took the error.</summary>
    public int? CatchIndex { get; init; }

    /// <summary>The index of the retrier that matched the error.</summary>
    public int? RetryIndex { get; init; }

    /// <summary>The back-off in seconds before the retrier's next attempt.</summary>
    public long? RetryBackoffIntervalSeconds { get; init; }
}
