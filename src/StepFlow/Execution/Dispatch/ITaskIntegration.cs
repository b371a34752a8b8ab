using StepFlow.Json;
using StepFlow.Tasks;

namespace StepFlow.Execution.Dispatch;

/// <summary>
/// A Resource the engine serves itself (an optimised AWS integration such as <c>lambda:invoke</c> or
/// <c>states:startExecution</c>), registered on the <see cref="EngineRuntime"/> by the engine facade. The dispatcher asks
/// the registered integrations, in order, for a Resource no task handler is registered for; it names none of them.
/// </summary>
internal interface ITaskIntegration
{
    /// <summary>Whether this integration serves <paramref name="resource"/> (or, for a suffixed pattern, <paramref name="baseResource"/>).</summary>
    bool Handles(string resource, string? baseResource);

    /// <summary>Runs the task; <paramref name="nowUtcTicks"/> is a clock reading taken just before.</summary>
    ValueTask<JsonValue> InvokeAsync(RunContext run, TaskInvocation invocation, long nowUtcTicks, CancellationToken cancellationToken);
}
