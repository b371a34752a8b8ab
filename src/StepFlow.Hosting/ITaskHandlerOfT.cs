namespace StepFlow.Hosting;

/// <summary>
/// A task handler written against .NET types, registered with
/// <see cref="StepFlowBuilder.AddTaskHandler{THandler, TIn, TOut}(string, System.Text.Json.Serialization.JsonSerializerContext)"/>
/// and taken from the container in a new scope for each invocation. The task input is deserialized to
/// <typeparamref name="TIn"/>, and the <typeparamref name="TOut"/> returned becomes the task result.
/// </summary>
/// <typeparam name="TIn">The task input's type.</typeparam>
/// <typeparam name="TOut">The task result's type.</typeparam>
public interface ITaskHandler<in TIn, TOut>
{
    /// <summary>
    /// Runs the task. Throw <see cref="Errors.StatesErrorException"/> to fail with an ASL error name; any other exception
    /// fails the task with <c>States.TaskFailed</c>.
    /// </summary>
    Task<TOut> InvokeAsync(TIn input, CancellationToken cancellationToken);
}
