namespace StepFlow.Service.TestState;

/// <summary>
/// A TestState request, field for field as AWS Step Functions takes it: the definition of one state (or of a whole
/// machine with <see cref="StateName"/>), the input, the inspection level and the optional mock, context, variables and
/// state configuration. JSON inputs are JSON text, as in the API.
/// </summary>
public sealed record TestStateRequest
{
    /// <summary>The definition (JSON text): one state, or a whole state machine (then <see cref="StateName"/> picks the state, default its StartAt).</summary>
    public required string Definition { get; init; }

    /// <summary>The role ARN AWS would run the state with; it shows as <c>$$.Execution.RoleArn</c>.</summary>
    public string? RoleArn { get; init; }

    /// <summary>The state's input (JSON text); <c>{}</c> when absent.</summary>
    public string? Input { get; init; }

    /// <summary>How much of the state's data processing the response shows; INFO when absent.</summary>
    public TestStateInspectionLevel? InspectionLevel { get; init; }

    /// <summary>Whether the TRACE data of an HTTP Task shows secrets; not allowed together with a mock.</summary>
    public bool RevealSecrets { get; init; }

    /// <summary>The state to test in a whole-machine definition (may be nested in a Map or Parallel).</summary>
    public string? StateName { get; init; }

    /// <summary>The workflow variables in scope (JSON text of an object).</summary>
    public string? Variables { get; init; }

    /// <summary>The context object (JSON text of an object) the state sees as <c>$$</c> / <c>$states.context</c>.</summary>
    public string? Context { get; init; }

    /// <summary>The mocked outcome of a Task, Map or Parallel state.</summary>
    public TestStateMock? Mock { get; init; }

    /// <summary>The retry count, failed iterations and item-reader data the tested state sees.</summary>
    public TestStateConfiguration? StateConfiguration { get; init; }
}
