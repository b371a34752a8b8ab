using StepFlow.Execution;
using StepFlow.Tasks;

namespace StepFlow;

/// <summary>
/// Configures a <see cref="StepFlowEngine"/>: the clock, task handlers and limits.
/// <see cref="Build"/> returns an immutable, thread-safe engine.
/// </summary>
public sealed class StepFlowEngineBuilder
{
    private readonly List<TaskHandlerRegistration> _handlers = [];
    private TimeProvider _timeProvider = TimeProvider.System;
    private EngineOptions _options = new();

    /// <summary>Uses <paramref name="timeProvider"/> for every Wait, retry delay, timeout and timestamp.</summary>
    public StepFlowEngineBuilder UseTimeProvider(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        return this;
    }

    /// <summary>Sets the engine limits.</summary>
    public StepFlowEngineBuilder UseOptions(EngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        return this;
    }

    /// <summary>
    /// Binds Task states whose Resource matches <paramref name="resourcePattern"/> (an exact ARN, or a
    /// glob where <c>*</c> matches any run of characters) to <paramref name="handler"/>. Exact patterns
    /// win over globs; among globs, the first registered wins.
    /// </summary>
    public StepFlowEngineBuilder AddTaskHandler(string resourcePattern, ITaskHandler handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourcePattern);
        ArgumentNullException.ThrowIfNull(handler);
        _handlers.Add(new TaskHandlerRegistration(resourcePattern, handler));
        return this;
    }

    /// <summary>Binds a synchronous delegate; see <see cref="AddTaskHandler(string, ITaskHandler)"/>.</summary>
    public StepFlowEngineBuilder AddTaskHandler(string resourcePattern, Func<TaskInvocation, Json.JsonValue> handler) =>
        AddTaskHandler(resourcePattern, DelegateTaskHandler.FromFunc(handler));

    /// <summary>Builds the engine.</summary>
    public StepFlowEngine Build() => new(_timeProvider, _options, new TaskHandlerRegistry(_handlers));
}
