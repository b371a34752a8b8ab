using StepFlow.Json;

namespace StepFlow.Service.TestState;

/// <summary>A checked mock: the parsed result, or the error it raises.</summary>
internal sealed record TestStateMockOutcome(JsonValue? Result, string? Error, string? Cause)
{
    public bool IsError => Result is null;

    public Errors.StatesErrorException ToException() => new(Error ?? string.Empty, Cause);
}
