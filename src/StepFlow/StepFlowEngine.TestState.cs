using StepFlow.Service.TestState;

namespace StepFlow;

/// <content>TestState: one state run on its own, as AWS Step Functions' TestState API runs it.</content>
public sealed partial class StepFlowEngine
{
    /// <summary>
    /// Runs one state (a lone state definition, or <see cref="TestStateRequest.StateName"/> of a whole machine) once with
    /// the request's input, context, variables and mock, and answers as AWS's TestState API does: the status
    /// (SUCCEEDED, FAILED, RETRIABLE or CAUGHT_ERROR), output, error, cause, next state and, at DEBUG and TRACE, the data
    /// after each processing step. A Task without a mock calls its registered handler (request-response tasks only).
    /// </summary>
    /// <param name="request">The TestState request.</param>
    /// <param name="cancellationToken">Cancels a handler the Task calls.</param>
    /// <returns>AWS's TestState response.</returns>
    /// <exception cref="Service.ExecutionApiException">
    /// The request is refused, with AWS's code (<see cref="Service.ExecutionApiErrorCodes.ValidationException"/> or
    /// <see cref="Service.ExecutionApiErrorCodes.InvalidDefinition"/>) and message.
    /// </exception>
    public Task<TestStateResponse> TestStateAsync(TestStateRequest request, CancellationToken cancellationToken = default) =>
        TestStateEvaluator.EvaluateAsync(Runtime, request, cancellationToken);
}
