namespace StepFlow.History;

/// <summary>AWS's history event type names that StepFlow emits.</summary>
public static class HistoryEventTypes
{
#pragma warning disable CS1591 // The names are AWS's and document themselves.
    public const string ExecutionStarted = "ExecutionStarted";
    public const string ExecutionSucceeded = "ExecutionSucceeded";
    public const string ExecutionFailed = "ExecutionFailed";
    public const string ExecutionTimedOut = "ExecutionTimedOut";
    public const string ExecutionAborted = "ExecutionAborted";
    public const string ExecutionRedriven = "ExecutionRedriven";
    public const string PassStateEntered = "PassStateEntered";
    public const string PassStateExited = "PassStateExited";
    public const string TaskStateEntered = "TaskStateEntered";
    public const string TaskStateExited = "TaskStateExited";
    public const string TaskStateAborted = "TaskStateAborted";
    public const string TaskScheduled = "TaskScheduled";
    public const string TaskStarted = "TaskStarted";
    public const string TaskSucceeded = "TaskSucceeded";
    public const string TaskFailed = "TaskFailed";
    public const string TaskTimedOut = "TaskTimedOut";
    public const string TaskSubmitted = "TaskSubmitted";
    public const string TaskStartFailed = "TaskStartFailed";
    public const string ActivityScheduled = "ActivityScheduled";
    public const string ActivityScheduleFailed = "ActivityScheduleFailed";
    public const string ActivityStarted = "ActivityStarted";
    public const string ActivitySucceeded = "ActivitySucceeded";
    public const string ActivityFailed = "ActivityFailed";
    public const string ActivityTimedOut = "ActivityTimedOut";
    public const string LambdaFunctionScheduled = "LambdaFunctionScheduled";
    public const string LambdaFunctionStarted = "LambdaFunctionStarted";
    public const string LambdaFunctionSucceeded = "LambdaFunctionSucceeded";
    public const string LambdaFunctionFailed = "LambdaFunctionFailed";
    public const string LambdaFunctionTimedOut = "LambdaFunctionTimedOut";
    public const string LambdaFunctionStartFailed = "LambdaFunctionStartFailed";
    public const string ChoiceStateEntered = "ChoiceStateEntered";
    public const string ChoiceStateExited = "ChoiceStateExited";
    public const string WaitStateEntered = "WaitStateEntered";
    public const string WaitStateExited = "WaitStateExited";
    public const string WaitStateAborted = "WaitStateAborted";
    public const string SucceedStateEntered = "SucceedStateEntered";
    public const string SucceedStateExited = "SucceedStateExited";
    public const string FailStateEntered = "FailStateEntered";
    public const string ParallelStateEntered = "ParallelStateEntered";
    public const string ParallelStateStarted = "ParallelStateStarted";
    public const string ParallelStateSucceeded = "ParallelStateSucceeded";
    public const string ParallelStateFailed = "ParallelStateFailed";
    public const string ParallelStateAborted = "ParallelStateAborted";
    public const string ParallelStateExited = "ParallelStateExited";
    public const string MapStateEntered = "MapStateEntered";
    public const string MapStateStarted = "MapStateStarted";
    public const string MapStateSucceeded = "MapStateSucceeded";
    public const string MapStateFailed = "MapStateFailed";
    public const string MapStateAborted = "MapStateAborted";
    public const string MapStateExited = "MapStateExited";
    public const string MapIterationStarted = "MapIterationStarted";
    public const string MapIterationSucceeded = "MapIterationSucceeded";
    public const string MapIterationFailed = "MapIterationFailed";
    public const string MapIterationAborted = "MapIterationAborted";
    public const string MapRunStarted = "MapRunStarted";
    public const string MapRunSucceeded = "MapRunSucceeded";
    public const string MapRunFailed = "MapRunFailed";
    public const string EvaluationFailed = "EvaluationFailed";
#pragma warning restore CS1591
}
