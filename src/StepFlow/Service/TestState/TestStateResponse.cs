namespace StepFlow.Service.TestState;

/// <summary>The TestState answer, field for field as AWS Step Functions returns it. JSON values are JSON text.</summary>
public sealed record TestStateResponse
{
    /// <summary>The outcome.</summary>
    public required TestStateStatus Status { get; init; }

    /// <summary>The state's output (JSON text), when it succeeded or a catcher took its error.</summary>
    public string? Output { get; init; }

    /// <summary>The error name, when the state failed.</summary>
    public string? Error { get; init; }

    /// <summary>The cause, when the state failed.</summary>
    public string? Cause { get; init; }

    /// <summary>The state the machine would go to next.</summary>
    public string? NextState { get; init; }

    /// <summary>The data after each processing step; present at DEBUG and TRACE.</summary>
    public TestStateInspectionData? InspectionData { get; init; }
}
