using StepFlow.Definition;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Tasks;

namespace StepFlow;

/// <summary>
/// Runs parsed state machines. Immutable and thread-safe: one engine serves any number of
/// concurrent executions. Create it with <see cref="StepFlowEngineBuilder"/>.
/// </summary>
public sealed partial class StepFlowEngine
{
    internal StepFlowEngine(
        TimeProvider timeProvider,
        EngineOptions options,
        TaskHandlerRegistry handlers,
        IEnumerable<string>? activities = null,
        ResourceAllowList? allowedResources = null,
        IEnumerable<StateMachines.RegisteredStateMachine>? stateMachines = null,
        Persistence.IExecutionStore? store = null)
    {
        TimeProvider = timeProvider;
        Options = options;
        Handlers = handlers;
        Activities = new ActivityRegistry(activities ?? []);
        AllowedResources = allowedResources;
        Executions = new Service.ExecutionService(
            this, new StateMachines.StateMachineRegistry(stateMachines ?? []), store ?? new Persistence.InMemoryExecutionStore());
        RetryPipeline = AslRetryPipeline.Create(timeProvider);
        TimeoutPipeline = TaskTimeouts.CreatePipeline(timeProvider);
        BlockingHandlers = new BlockingHandlerThreads(options.MaxBlockingHandlerThreads);
        BlockingThresholdTicks = options.BlockingHandlerThreshold is { } threshold ? Math.Min(threshold.Ticks, long.MaxValue - 1) : long.MaxValue;
    }

    /// <summary>The clock every Wait, retry delay, timeout and timestamp goes through.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The engine limits.</summary>
    public EngineOptions Options { get; }

    internal TaskHandlerRegistry Handlers { get; }

    /// <summary>The Polly pipeline that runs ASL Retry arrays (one per engine, on its clock).</summary>
    internal Polly.ResiliencePipeline RetryPipeline { get; }

    /// <summary>The Polly pipeline that bounds pending tasks by TimeoutSeconds and the execution's deadline.</summary>
    internal Polly.ResiliencePipeline TimeoutPipeline { get; }

    /// <summary>Where the calls of blocking task handlers run.</summary>
    internal BlockingHandlerThreads BlockingHandlers { get; }

    /// <summary><see cref="EngineOptions.BlockingHandlerThreshold"/> in ticks; long.MaxValue when off.</summary>
    internal long BlockingThresholdTicks { get; }

    /// <summary>Starts a builder.</summary>
    public static StepFlowEngineBuilder CreateBuilder() => new();

    /// <summary>
    /// Runs <paramref name="stateMachine"/> on <paramref name="input"/> to its end. ASL errors are part of the
    /// result (<see cref="ExecutionResult.Error"/>, <see cref="ExecutionResult.Cause"/>), never thrown.
    /// Cancelling the token aborts the execution (status <see cref="ExecutionStatus.Aborted"/>).
    /// </summary>
    /// <exception cref="Service.ExecutionApiException">
    /// <c>InvalidExecutionInput</c> (as StartExecution refuses it): the input is larger than
    /// <see cref="EngineOptions.MaxPayloadBytes"/>, nests deeper than <see cref="JsonValue.MaxDepth"/> or holds a string
    /// with an unpaired surrogate.
    /// </exception>
    public Task<ExecutionResult> ExecuteAsync(
        StateMachine stateMachine,
        JsonValue input,
        ExecutionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateMachine);
        ArgumentNullException.ThrowIfNull(input);
        Service.ExecutionService.ThrowIfInvalidInput(Options, input);
        return ExecutionRunner.RunAsync(this, stateMachine, input, options ?? ExecutionOptions.Default, cancellationToken);
    }
}
