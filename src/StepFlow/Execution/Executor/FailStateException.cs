using StepFlow.Errors;

namespace StepFlow.Execution.Executor;

/// <summary>Raised by a Fail state; its error may be absent.</summary>
internal sealed class FailStateException(string? errorName, string? cause)
    : StatesErrorException(errorName ?? string.Empty, cause)
{
    public string? ErrorName { get; } = errorName;
}
