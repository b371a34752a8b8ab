namespace StepFlow.Diagnostics;

/// <summary>
/// The tag names of StepFlow's spans and the dimension names of its metrics (the metric dimensions are AWS's CloudWatch
/// dimension names, so dashboards built for AWS Step Functions carry over).
/// </summary>
public static class StepFlowTags
{
    /// <summary>Span tag: the state machine's name.</summary>
    public const string StateMachineName = "stepflow.state_machine.name";

    /// <summary>Span tag: the state machine's ARN.</summary>
    public const string StateMachineArn = "stepflow.state_machine.arn";

    /// <summary>Span tag: the execution's ARN.</summary>
    public const string ExecutionArn = "stepflow.execution.arn";

    /// <summary>Span tag: how the execution ended (SUCCEEDED, FAILED, TIMED_OUT, ABORTED; RUNNING when it was suspended).</summary>
    public const string ExecutionStatus = "stepflow.execution.status";

    /// <summary>Span tag: true on the span of an execution resumed from its store after a restart.</summary>
    public const string ExecutionResumed = "stepflow.execution.resumed";

    /// <summary>Span tag: the state's name.</summary>
    public const string StateName = "stepflow.state.name";

    /// <summary>Span tag: the state's type (Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map).</summary>
    public const string StateType = "stepflow.state.type";

    /// <summary>Span tag: the Task state's Resource as written.</summary>
    public const string TaskResource = "stepflow.task.resource";

    /// <summary>Span tag: the retry count of the task attempt (0 for the first attempt, as <c>$$.State.RetryCount</c>).</summary>
    public const string TaskRetryCount = "stepflow.task.retry_count";

    /// <summary>Span tag: the ASL error name that failed the execution, state or attempt (<c>States.Timeout</c>, a handler's error, ...).</summary>
    public const string Error = "stepflow.error";

    /// <summary>
    /// Span tag: the error's cause. Set only when <c>EngineOptions.TelemetryIncludesPayloads</c> is on: causes may
    /// hold personal data.
    /// </summary>
    public const string Cause = "stepflow.cause";

    /// <summary>Metric dimension (AWS's): the state machine's ARN, on execution metrics and state transitions.</summary>
    public const string StateMachineArnDimension = "StateMachineArn";

    /// <summary>Metric dimension (AWS's): the activity's ARN, on Activity* metrics.</summary>
    public const string ActivityArnDimension = "ActivityArn";

    /// <summary>Metric dimension (AWS's): the Lambda function's ARN, on LambdaFunction* metrics.</summary>
    public const string LambdaFunctionArnDimension = "LambdaFunctionArn";

    /// <summary>Metric dimension (AWS's): the integration's resource ARN, on ServiceIntegration* metrics.</summary>
    public const string ServiceIntegrationResourceArnDimension = "ServiceIntegrationResourceArn";
}
