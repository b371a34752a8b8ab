using StepFlow.Errors;

namespace StepFlow.Execution.Dispatch;

/// <summary>
/// A task sent no heartbeat within HeartbeatSeconds. AWS reports it as <c>States.Timeout</c> (in TaskTimedOut and
/// ExecutionFailed); an ErrorEquals of <c>States.HeartbeatTimeout</c> or <c>States.Timeout</c> matches it.
/// </summary>
internal sealed class HeartbeatTimeoutException()
    : StatesErrorException(StatesErrorNames.Timeout, null);
