namespace StepFlow.Service.TestState;

/// <summary>The mocked outcome of the tested Task, Map or Parallel state: a result or an error, never both.</summary>
public sealed record TestStateMock
{
    /// <summary>The mocked result (JSON text): the service's answer for a Task, the result array of a Map or Parallel.</summary>
    public string? Result { get; init; }

    /// <summary>The mocked error.</summary>
    public TestStateMockError? ErrorOutput { get; init; }

    /// <summary>How <see cref="Result"/> is checked against the called API's output shape; STRICT when absent.</summary>
    public TestStateFieldValidationMode? FieldValidationMode { get; init; }
}
