using StepFlow.Execution.Callbacks;
using StepFlow.Execution.Dispatch;
using StepFlow.Execution.Recovery;
using StepFlow.Tasks;

namespace StepFlow.Execution;

/// <summary>
/// What the executions of one engine share: its clock, limits, task handlers and built-in integrations, activities,
/// open task tokens and Polly pipelines. The engine facade creates one and hands it to every run, so the executor
/// names no type above it.
/// </summary>
internal sealed class EngineRuntime
{
    public EngineRuntime(
        TimeProvider timeProvider,
        EngineOptions options,
        TaskHandlerRegistry handlers,
        IEnumerable<string>? activities,
        ResourceAllowList? allowedResources,
        int? randomSeed = null,
        Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        Telemetry = new Diagnostics.EngineTelemetry(loggerFactory, options.TelemetryIncludesPayloads);
        Random = randomSeed is { } seed ? new LockedRandom(seed) : null;
        TimeProvider = timeProvider;
        Options = options;
        Handlers = handlers;
        Activities = new ActivityRegistry(activities ?? []);
        AllowedResources = allowedResources;
        RetryPipeline = AslRetryPipeline.Create(timeProvider);
        TimeoutPipeline = TaskTimeouts.CreatePipeline(timeProvider);
        BlockingHandlers = new BlockingHandlerThreads(options.MaxBlockingHandlerThreads);
        BlockingThresholdTicks = options.BlockingHandlerThreshold is { } threshold ? Math.Min(threshold.Ticks, long.MaxValue - 1) : long.MaxValue;
    }

    /// <summary>
    /// The engine's seeded source of randomness (<c>StepFlowEngineBuilder.UseRandomSeed</c>), or null: each execution
    /// draws its own seed from it as it starts, and generated execution names come from it.
    /// </summary>
    public Random? Random { get; }

    /// <summary>A new version 4 UUID: from <see cref="Random"/> when the engine is seeded, else <see cref="Guid.NewGuid()"/>.</summary>
    public Guid NewUuid() => Json.RandomUuid.Next(Random);

    /// <summary>The clock every Wait, retry delay, timeout and timestamp goes through.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The engine's logger and payload option; the spans and instruments are static on <see cref="Diagnostics.EngineTelemetry"/>.</summary>
    public Diagnostics.EngineTelemetry Telemetry { get; }

    /// <summary>The engine limits.</summary>
    public EngineOptions Options { get; }

    /// <summary>The handlers registered for Resources (the user's and the HTTP Task's).</summary>
    public TaskHandlerRegistry Handlers { get; }

    /// <summary>
    /// The Resources the engine serves itself when no handler is registered for them, asked in order
    /// (<c>lambda:invoke</c>, <c>states:startExecution</c>). Set once by the engine facade before any run starts.
    /// </summary>
    public ITaskIntegration[] Integrations { get; set; } = [];

    /// <summary>The test's task mocker, asked before any handler; null (the default) costs one null check per task.</summary>
    public ITaskMocker? TaskMocker { get; init; }

    /// <summary>The activities registered on the engine and their queues.</summary>
    public ActivityRegistry Activities { get; }

    /// <summary>The open task tokens of callbacks and activity tasks.</summary>
    public TaskTokenRegistry Tokens { get; } = new();

    /// <summary>The engine-wide allow-list of Task resources; null allows all.</summary>
    public ResourceAllowList? AllowedResources { get; }

    /// <summary>The Polly pipeline that runs ASL Retry arrays (one per engine, on its clock).</summary>
    public Polly.ResiliencePipeline RetryPipeline { get; }

    /// <summary>The Polly pipeline that bounds pending tasks by TimeoutSeconds and the execution's deadline.</summary>
    public Polly.ResiliencePipeline TimeoutPipeline { get; }

    /// <summary>Where the calls of blocking task handlers run.</summary>
    public BlockingHandlerThreads BlockingHandlers { get; }

    /// <summary><see cref="EngineOptions.BlockingHandlerThreshold"/> in ticks; long.MaxValue when off.</summary>
    public long BlockingThresholdTicks { get; }
}
