using StepFlow.Parsing;

namespace StepFlow.Service;

/// <summary>The error names AWS Step Functions returns from its execution API.</summary>
public static class ExecutionApiErrorCodes
{
    /// <summary>No state machine is registered under that ARN.</summary>
    public const string StateMachineDoesNotExist = "StateMachineDoesNotExist";

    /// <summary>An execution with that name exists and is closed, or runs with a different input.</summary>
    public const string ExecutionAlreadyExists = "ExecutionAlreadyExists";

    /// <summary>No execution has that ARN.</summary>
    public const string ExecutionDoesNotExist = "ExecutionDoesNotExist";

    /// <summary>The name breaks AWS's naming rules.</summary>
    public const string InvalidName = "InvalidName";

    /// <summary>The input is not JSON or is larger than the payload limit.</summary>
    public const string InvalidExecutionInput = "InvalidExecutionInput";

    /// <summary>The ARN is malformed.</summary>
    public const string InvalidArn = "InvalidArn";

    /// <summary>The paging token is not one this API returned.</summary>
    public const string InvalidToken = "InvalidToken";

    /// <summary>The call does not apply to the state machine's type (StartSyncExecution on Standard, history of Express, ...).</summary>
    public const string StateMachineTypeNotSupported = "StateMachineTypeNotSupported";

    /// <summary>The execution cannot be redriven (running, succeeded, past the window, history limit reached, ...).</summary>
    public const string ExecutionNotRedrivable = "ExecutionNotRedrivable";

    /// <summary>The engine runs as many executions as its options allow.</summary>
    public const string ExecutionLimitExceeded = "ExecutionLimitExceeded";

    /// <summary>The engine is shutting down and takes no new work.</summary>
    public const string ServiceUnavailable = "ServiceUnavailable";

    /// <summary>The request breaks a rule of the API (TestState: a mock with both a result and an error, an unknown state name, ...).</summary>
    public const string ValidationException = "ValidationException";

    /// <summary>The definition is not a valid state machine (or state) definition.</summary>
    public const string InvalidDefinition = "InvalidDefinition";
}
