namespace StepFlow.Service.TestState;

/// <summary>A mocked error: its name and cause.</summary>
public sealed record TestStateMockError
{
    /// <summary>The error name, e.g. <c>States.TaskFailed</c>.</summary>
    public string? Error { get; init; }

    /// <summary>The cause.</summary>
    public string? Cause { get; init; }
}
