using StepFlow.Definition;
using StepFlow.Json;

namespace StepFlow.Execution;

/// <summary>Runs one execution. PLACEHOLDER until the executor lands.</summary>
internal static class ExecutionRunner
{
    public static Task<ExecutionResult> RunAsync(StepFlowEngine engine, StateMachine machine, JsonValue input, ExecutionOptions options, CancellationToken cancellationToken) =>
        throw new NotImplementedException();
}
