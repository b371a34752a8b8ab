namespace StepFlow.Tasks;

/// <summary>
/// A callback or activity API call (<c>SendTask*</c>, <c>GetActivityTask</c>) was refused. <see cref="ErrorCode"/>
/// carries the name AWS Step Functions returns for the same refusal (see <see cref="TaskApiErrorCodes"/>).
/// </summary>
public sealed class TaskApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TaskApiException(string errorCode, string message)
        : base(message)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        ErrorCode = errorCode;
    }

    /// <summary>AWS's error name, e.g. <see cref="TaskApiErrorCodes.TaskDoesNotExist"/>.</summary>
    public string ErrorCode { get; }
}

/// <summary>The error names AWS Step Functions returns from its callback and activity APIs.</summary>
public static class TaskApiErrorCodes
{
    /// <summary>The token is not one StepFlow issued (wrong shape).</summary>
    public const string InvalidToken = "InvalidToken";

    /// <summary>No task with that token is known to this engine.</summary>
    public const string TaskDoesNotExist = "TaskDoesNotExist";

    /// <summary>The task is no longer waiting: it timed out, was already answered, or its execution ended.</summary>
    public const string TaskTimedOut = "TaskTimedOut";

    /// <summary>The output is not JSON or is larger than the payload limit.</summary>
    public const string InvalidOutput = "InvalidOutput";

    /// <summary>No activity is registered under that ARN.</summary>
    public const string ActivityDoesNotExist = "ActivityDoesNotExist";

    /// <summary>Too many workers are polling the activity at once.</summary>
    public const string ActivityWorkerLimitExceeded = "ActivityWorkerLimitExceeded";

    /// <summary>The ARN is malformed.</summary>
    public const string InvalidArn = "InvalidArn";
}
