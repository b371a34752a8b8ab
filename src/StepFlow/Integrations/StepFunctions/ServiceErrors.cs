using System.Globalization;
using StepFlow.Errors;
using StepFlow.Service;

namespace StepFlow.Integrations.StepFunctions;

/// <summary>
/// The ASL errors the Step Functions integration raises when the service refuses a call: AWS names them
/// <c>StepFunctions.&lt;ErrorCode&gt;Exception</c> (e.g. <c>StepFunctions.StateMachineDoesNotExistException</c>,
/// <c>StepFunctions.ExecutionLimitExceededException</c>) with the SDK's cause format.
/// </summary>
internal static class ServiceErrors
{
    /// <summary>The error for an execution API refusal.</summary>
    public static StatesErrorException From(ExecutionApiException refusal) => Create(refusal.ErrorCode, refusal.Message);

    /// <summary>The error for the service error code <paramref name="errorCode"/> and its message.</summary>
    public static StatesErrorException Create(string errorCode, string message)
    {
        var status = errorCode == ExecutionApiErrorCodes.ServiceUnavailable ? 503 : 400;
        var cause = string.Create(
            CultureInfo.InvariantCulture,
            $"{message} (Service: AWSStepFunctions; Status Code: {status}; Error Code: {errorCode}; Request ID: {Guid.NewGuid()}; Proxy: null)");
        return new StatesErrorException($"StepFunctions.{errorCode}Exception", cause);
    }
}
