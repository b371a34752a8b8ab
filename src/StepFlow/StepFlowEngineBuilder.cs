using Polly;
using StepFlow.Execution;
using StepFlow.Integrations.Http;
using StepFlow.Parsing;
using StepFlow.Tasks;

namespace StepFlow;

/// <summary>
/// Configures a <see cref="StepFlowEngine"/>: the clock, task handlers and limits.
/// <see cref="Build"/> returns an immutable, thread-safe engine.
/// </summary>
public sealed partial class StepFlowEngineBuilder
{
    private readonly List<(string Pattern, ITaskHandler Handler, Action<ResiliencePipelineBuilder>? ConfigurePipeline, bool Blocking)> _handlers = [];
    private readonly List<string> _activities = [];
    private List<string>? _allowedResources;
    private TimeProvider _timeProvider = TimeProvider.System;
    private EngineOptions _options = new();
    private readonly List<(string Name, StateMachine Machine, Parsing.StateMachineType Type)> _stateMachines = [];
    private Persistence.IExecutionStore? _store;
    private Microsoft.Extensions.Logging.ILoggerFactory? _loggerFactory;
    private ITaskMocker? _taskMocker;
    private int? _randomSeed;

    /// <summary>Uses <paramref name="timeProvider"/> for every Wait, retry delay, timeout and timestamp.</summary>
    public StepFlowEngineBuilder UseTimeProvider(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
        return this;
    }

    /// <summary>
    /// Writes the engine's logs (category <c>StepFlow</c>, event ids in docs/observability.md) through
    /// <paramref name="loggerFactory"/>: executions started and closed, states entered and exited (Debug), retries, task
    /// failures, recovery and store faults. Payloads are logged only with <see cref="EngineOptions.TelemetryIncludesPayloads"/>.
    /// Without a factory the engine logs nothing.
    /// </summary>
    public StepFlowEngineBuilder UseLoggerFactory(Microsoft.Extensions.Logging.ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _loggerFactory = loggerFactory;
        return this;
    }

    /// <summary>
    /// Makes runs repeatable: every random value the engine draws comes from one source seeded with
    /// <paramref name="seed"/> — <c>States.UUID</c>, <c>States.MathRandom</c> without a seed, JSONata's <c>$uuid()</c>,
    /// <c>$random()</c> and <c>$shuffle</c>, FULL retry jitter, generated execution names and the request ids of the
    /// built-in integrations' responses. Each execution draws its own seed from the engine's as it starts, so two engines
    /// built with the same seed that start the same executions in the same order give the same outputs, UUIDs and retry
    /// delays. Within one execution, values are drawn in the order the states ask for them: branches that run at the
    /// same time (a Parallel or Map whose tasks complete asynchronously) may interleave their draws differently from run
    /// to run. Task tokens stay cryptographically random. Without this call nothing is seeded.
    /// </summary>
    public StepFlowEngineBuilder UseRandomSeed(int seed)
    {
        _randomSeed = seed;
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
        _handlers.Add((resourcePattern, handler, null, false));
        return this;
    }

    /// <summary>
    /// Like <see cref="AddTaskHandler(string, ITaskHandler)"/>, with every call of <paramref name="handler"/> run inside
    /// the host's Polly <paramref name="pipeline"/> (a circuit breaker, a rate limiter, a quick in-process retry, …).
    /// The state's ASL Retry stays outside it: each ASL attempt is one run of the pipeline. When a circuit breaker is
    /// open the attempt fails with <c>States.TaskFailed</c> (cause: the circuit is open), which Retry and Catch can match.
    /// </summary>
    public StepFlowEngineBuilder AddTaskHandler(string resourcePattern, ITaskHandler handler, ResiliencePipeline pipeline)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(handler);
        return AddTaskHandler(resourcePattern, new ResilientTaskHandler(handler, pipeline));
    }

    /// <summary>
    /// Like <see cref="AddTaskHandler(string, ITaskHandler, ResiliencePipeline)"/>, with the pipeline built by
    /// <paramref name="configurePipeline"/> when the engine is built, on the engine's <see cref="TimeProvider"/>.
    /// </summary>
    public StepFlowEngineBuilder AddTaskHandler(string resourcePattern, ITaskHandler handler, Action<ResiliencePipelineBuilder> configurePipeline)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourcePattern);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(configurePipeline);
        _handlers.Add((resourcePattern, handler, configurePipeline, false));
        return this;
    }

    /// <summary>
    /// Binds a synchronous delegate; see <see cref="AddTaskHandler(string, ITaskHandler)"/>. It runs on the execution's
    /// thread, so it must return promptly: a delegate that may block (synchronous I/O, sleeps, locks) belongs in
    /// <see cref="AddBlockingTaskHandler(string, Func{TaskInvocation, CancellationToken, Json.JsonValue})"/>. One that blocks
    /// anyway is caught: a result that comes after the task's <c>TimeoutSeconds</c> or the execution's deadline is
    /// discarded, and after one call longer than <see cref="EngineOptions.BlockingHandlerThreshold"/> it is run as blocking.
    /// </summary>
    public StepFlowEngineBuilder AddTaskHandler(string resourcePattern, Func<TaskInvocation, Json.JsonValue> handler) =>
        AddTaskHandler(resourcePattern, DelegateTaskHandler.FromFunc(handler));

    /// <summary>
    /// Binds a synchronous delegate that may block (synchronous I/O, sleeps, locks). Each call runs on a dedicated thread
    /// (at most <see cref="EngineOptions.MaxBlockingHandlerThreads"/> at once), never on the execution's thread: the task's
    /// <c>TimeoutSeconds</c>, <c>HeartbeatSeconds</c> and the execution's deadline fire on time, a result that comes after
    /// them is discarded, and Map iterations and Parallel branches calling it run side by side. The token is cancelled when
    /// the execution is stopped (and, for <c>.sync</c> resources, when a limit passes); a call that ignores it keeps its
    /// thread until it returns.
    /// </summary>
    public StepFlowEngineBuilder AddBlockingTaskHandler(string resourcePattern, Func<TaskInvocation, CancellationToken, Json.JsonValue> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return AddBlockingTaskHandler(resourcePattern, new DelegateTaskHandler((invocation, token) => new ValueTask<Json.JsonValue>(handler(invocation, token))));
    }

    /// <summary>
    /// Binds a handler whose <see cref="ITaskHandler.InvokeAsync"/> may block before it returns; each call runs as described
    /// for <see cref="AddBlockingTaskHandler(string, Func{TaskInvocation, CancellationToken, Json.JsonValue})"/>.
    /// </summary>
    public StepFlowEngineBuilder AddBlockingTaskHandler(string resourcePattern, ITaskHandler handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourcePattern);
        ArgumentNullException.ThrowIfNull(handler);
        _handlers.Add((resourcePattern, handler, null, true));
        return this;
    }

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
        if (!IntegrationPatterns.IsActivityArn(activityArn))
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

    /// <summary>
    /// Registers a state machine under <paramref name="name"/> (AWS's CreateStateMachine) so that
    /// <see cref="StepFlowEngine.StartExecutionAsync"/> and <c>states:startExecution</c> Tasks can run it. Its ARN is
    /// <c>arn:&lt;partition&gt;:states:&lt;region&gt;:&lt;account&gt;:stateMachine:&lt;name&gt;</c> from <see cref="EngineOptions"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The name breaks AWS's naming rules.</exception>
    /// <exception cref="Parsing.InvalidDefinitionException">
    /// An Express machine uses activities, <c>.sync</c> or <c>.waitForTaskToken</c> (SCHEMA_VALIDATION_FAILED).
    /// </exception>
    public StepFlowEngineBuilder AddStateMachine(string name, StateMachine stateMachine, Parsing.StateMachineType type = Parsing.StateMachineType.Standard)
    {
        ArgumentNullException.ThrowIfNull(stateMachine);
        if (!StateMachines.ResourceNames.IsValid(name, out var reason))
        {
            throw new ArgumentException($"Invalid state machine name '{name}': {reason}.", nameof(name));
        }

        if (type == Parsing.StateMachineType.Express)
        {
            var diagnostics = Parsing.Validation.DefinitionValidator.Validate(
                stateMachine.Source, new Parsing.Validation.ValidationOptions { StateMachineType = type, MinimumSeverity = Parsing.DiagnosticSeverity.Error });
            if (!diagnostics.IsEmpty)
            {
                throw new Parsing.InvalidDefinitionException(diagnostics);
            }
        }

        _stateMachines.Add((name, stateMachine, type));
        return this;
    }

    /// <summary>
    /// Keeps Standard executions in <paramref name="store"/> (for example StepFlow.Sqlite's file store, which makes them
    /// durable). Without it executions are kept in memory.
    /// </summary>
    public StepFlowEngineBuilder UseExecutionStore(Persistence.IExecutionStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        return this;
    }

    /// <summary>
    /// Lets a test decide Task answers: <paramref name="mocker"/> is asked before any handler or built-in integration is
    /// looked up, for every invocation of a Task (request-response, <c>.sync</c>, <c>.waitForTaskToken</c>, activity), and answers
    /// with a result, an error, or <see cref="TaskMockAnswer.NotMocked"/> (the handler runs). See <see cref="ITaskMocker"/>.
    /// Without a mocker (the default) a Task costs one null check more.
    /// </summary>
    public StepFlowEngineBuilder UseTaskMocker(ITaskMocker mocker)
    {
        ArgumentNullException.ThrowIfNull(mocker);
        _taskMocker = mocker;
        return this;
    }

    /// <summary>Builds the engine.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An <see cref="EngineOptions"/> limit is out of range.</exception>
    public StepFlowEngine Build()
    {
        ValidateOptions(_options);
        return BuildEngine();
    }

    private static void ValidateOptions(EngineOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxBlockingHandlerThreads, "EngineOptions.MaxBlockingHandlerThreads");
        if (options.BlockingHandlerThreshold is { } threshold)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(threshold, TimeSpan.Zero, "EngineOptions.BlockingHandlerThreshold");
        }

        if (options.MaxExecutionDuration is { } duration)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero, "EngineOptions.MaxExecutionDuration");
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.MaxExpressExecutionDuration, TimeSpan.Zero, "EngineOptions.MaxExpressExecutionDuration");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxHistoryEvents, "EngineOptions.MaxHistoryEvents");
    }

    private StepFlowEngine BuildEngine() => new(
        _timeProvider,
        _options,
        new TaskHandlerRegistry(_handlers.Select(h => new TaskHandlerRegistration(h.Pattern, Wrap(h.Handler, h.ConfigurePipeline), h.Blocking))),
        _activities,
        _allowedResources is null ? null : ResourceAllowList.Create(_allowedResources),
        _stateMachines.Select(m => new StateMachines.RegisteredStateMachine(
            m.Name,
            $"arn:{_options.Partition}:states:{_options.Region}:{_options.AccountId}:stateMachine:{m.Name}",
            m.Machine,
            m.Type,
            _timeProvider.GetUtcNow())),
        _store,
        _taskMocker,
        _randomSeed,
        _loggerFactory);

    private ITaskHandler Wrap(ITaskHandler handler, Action<ResiliencePipelineBuilder>? configurePipeline)
    {
        if (configurePipeline is null)
        {
            return handler;
        }

        var builder = new ResiliencePipelineBuilder { TimeProvider = _timeProvider };
        configurePipeline(builder);
        return new ResilientTaskHandler(handler, builder.Build());
    }
}
