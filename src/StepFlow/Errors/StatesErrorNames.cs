namespace StepFlow.Errors;

/// <summary>The error names that the Amazon States Language defines (all begin with <c>States.</c>).</summary>
public static class StatesErrorNames
{
    /// <summary>Wildcard that matches any error name except the terminal ones.</summary>
    public const string All = "States.ALL";

    /// <summary>A task's own failure; as a matcher it matches any error except <see cref="Timeout"/> and the terminal ones.</summary>
    public const string TaskFailed = "States.TaskFailed";

    /// <summary>A task, execution or heartbeat time limit was exceeded.</summary>
    public const string Timeout = "States.Timeout";

    /// <summary>A task sent no heartbeat within HeartbeatSeconds.</summary>
    public const string HeartbeatTimeout = "States.HeartbeatTimeout";

    /// <summary>An unprocessable runtime problem (bad path, no Choice match, intrinsic failure). Never retried or caught.</summary>
    public const string Runtime = "States.Runtime";

    /// <summary>A payload exceeded the size limit. Terminal.</summary>
    public const string DataLimitExceeded = "States.DataLimitExceeded";

    /// <summary>A ResultPath could not be applied to the state's input.</summary>
    public const string ResultPathMatchFailure = "States.ResultPathMatchFailure";

    /// <summary>The task's resource is not allowed.</summary>
    public const string Permissions = "States.Permissions";

    /// <summary>A Map exceeded its tolerated failure threshold.</summary>
    public const string ExceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold";

    /// <summary>A JSONata expression failed.</summary>
    public const string QueryEvaluationError = "States.QueryEvaluationError";

    /// <summary>Reserved by AWS; reported as <see cref="Runtime"/>.</summary>
    public const string ParameterPathFailure = "States.ParameterPathFailure";

    /// <summary>Reserved by AWS; reported as <see cref="Runtime"/>.</summary>
    public const string IntrinsicFailure = "States.IntrinsicFailure";

    /// <summary>Reserved by AWS; reported as <see cref="Runtime"/>.</summary>
    public const string NoChoiceMatched = "States.NoChoiceMatched";

    /// <summary>Reserved by the specification for a failed Parallel branch.</summary>
    public const string BranchFailed = "States.BranchFailed";

    /// <summary>Distributed Map: the item source could not be read.</summary>
    public const string ItemReaderFailed = "States.ItemReaderFailed";

    /// <summary>Distributed Map: results could not be written.</summary>
    public const string ResultWriterFailed = "States.ResultWriterFailed";

    /// <summary>HTTP Task socket failure.</summary>
    public const string HttpSocket = "States.Http.Socket";

    /// <summary>The prefix of an HTTP Task's non-2xx error: <c>States.Http.StatusCode.404</c> and so on.</summary>
    public const string HttpStatusCodePrefix = "States.Http.StatusCode.";
}
