namespace StepFlow.Service;

/// <summary>
/// An execution API call (StartExecution, DescribeExecution, StopExecution, ...) refused, with the error name AWS
/// Step Functions returns in the same situation (see <see cref="ExecutionApiErrorCodes"/>).
/// </summary>
public sealed class ExecutionApiException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ExecutionApiException(string errorCode, string message)
        : base(message)
    {
        ArgumentException.ThrowIfNullOrEmpty(errorCode);
        ErrorCode = errorCode;
    }

    /// <summary>AWS's error name, e.g. <see cref="ExecutionApiErrorCodes.ExecutionDoesNotExist"/>.</summary>
    public string ErrorCode { get; }
}
