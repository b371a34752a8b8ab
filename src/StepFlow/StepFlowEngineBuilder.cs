using StepFlow.Execution;
using StepFlow.Integrations.Http;
using StepFlow.Tasks;

namespace StepFlow;

/// <summary>
/// Configures a <see cref="StepFlowEngine"/>: the clock, task handlers and limits.
/// <see cref="Build"/> returns an immutable, thread-safe engine.
/// </summary>
public sealed class StepFlowEngineBuilder
{
    private readonly List<TaskHandlerRegistration> _handlers = [];
    private readonly List<string> _activities = [];
    private List<string>? _allowedResources;
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

    /// <summary>
    /// Adds the HTTP Task, <c>arn:aws:states:::http:invoke</c>: real requests through <paramref name="httpClient"/>,
    /// authorized by the connection that <paramref name="connections"/> returns for the task's <c>ConnectionArn</c>.
    /// Registered like <see cref="AddTaskHandler(string, ITaskHandler)"/>, so a later handler for the same ARN replaces it.
    /// </summary>
    public StepFlowEngineBuilder AddHttpTask(HttpClient httpClient, IHttpConnectionProvider connections, HttpTaskOptions? options = null) =>
        AddTaskHandler(HttpTaskHandler.Resource, new HttpTaskHandler(httpClient, connections, options));

    /// <summary>
    /// Registers an activity (AWS's CreateActivity): Task states whose Resource is <paramref name="activityArn"/>
    /// (<c>arn:aws:states:&lt;region&gt;:&lt;account&gt;:activity:&lt;name&gt;</c>) queue work for workers that call
    /// <see cref="StepFlowEngine.GetActivityTaskAsync(string, string?, CancellationToken)"/>.
    /// </summary>
    public StepFlowEngineBuilder AddActivity(string activityArn)
    {
        ArgumentNullException.ThrowIfNull(activityArn);
        if (!ActivityRegistry.IsActivityArn(activityArn))
        {
            throw new ArgumentException($"'{activityArn}' is not an activity ARN (arn:aws:states:<region>:<account>:activity:<name>).", nameof(activityArn));
        }

        _activities.Add(activityArn);
        return this;
    }

    /// <summary>
    /// Restricts every execution of the engine to these Task resources (StepFlow's stand-in for IAM): exact ARNs or
    /// globs where <c>*</c> matches any run of characters, matched against the Resource as written (suffix included).
    /// Any other resource fails with <c>States.Permissions</c> before a handler runs. Calls add to the list;
    /// <see cref="ExecutionOptions.AllowedResources"/> narrows it per execution.
    /// </summary>
    public StepFlowEngineBuilder AllowTaskResources(params string[] resourcePatterns)
    {
        ArgumentNullException.ThrowIfNull(resourcePatterns);
        _allowedResources ??= [];
        foreach (var pattern in resourcePatterns)
        {
            ArgumentException.ThrowIfNullOrEmpty(pattern, nameof(resourcePatterns));
            _allowedResources.Add(pattern);
        }

        return this;
    }

    /// <summary>Builds the engine.</summary>
    public StepFlowEngine Build() => new(
        _timeProvider,
        _options,
        new TaskHandlerRegistry(_handlers),
        _activities,
        _allowedResources is null ? null : ResourceAllowList.Create(_allowedResources));
}
