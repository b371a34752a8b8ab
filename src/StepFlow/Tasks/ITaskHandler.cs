using StepFlow.Json;

namespace StepFlow.Tasks;

/// <summary>
/// Runs a Task state's work for the resources it is registered for. Return the task result, or throw
/// <see cref="Errors.StatesErrorException"/> to fail with an ASL error name; any other exception
/// fails the task with <c>States.TaskFailed</c>.
/// </summary>
public interface ITaskHandler
{
    /// <summary>Invokes the task.</summary>
    ValueTask<JsonValue> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken);
}
