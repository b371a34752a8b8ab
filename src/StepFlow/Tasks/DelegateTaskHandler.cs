using StepFlow.Json;

namespace StepFlow.Tasks;

/// <summary>Adapts a delegate to <see cref="ITaskHandler"/>.</summary>
public sealed class DelegateTaskHandler : ITaskHandler
{
    private readonly Func<TaskInvocation, CancellationToken, ValueTask<JsonValue>> _invoke;

    /// <summary>Wraps an asynchronous delegate.</summary>
    public DelegateTaskHandler(Func<TaskInvocation, CancellationToken, ValueTask<JsonValue>> invoke)
    {
        ArgumentNullException.ThrowIfNull(invoke);
        _invoke = invoke;
    }

    /// <summary>Wraps a synchronous delegate.</summary>
    public static DelegateTaskHandler FromFunc(Func<TaskInvocation, JsonValue> invoke)
    {
        ArgumentNullException.ThrowIfNull(invoke);
        return new DelegateTaskHandler((invocation, _) => new ValueTask<JsonValue>(invoke(invocation)));
    }

    /// <inheritdoc />
    public ValueTask<JsonValue> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken) =>
        _invoke(invocation, cancellationToken);
}
