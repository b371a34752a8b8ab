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

    /// <summary>Starts a builder.</summary>
    public static StepFlowEngineBuilder CreateBuilder() => new();

    /// <summary>
    /// Runs <paramref name="stateMachine"/> on <paramref name="input"/> to its end. ASL errors are part of the
    /// result (<see cref="ExecutionResult.Error"/>, <see cref="ExecutionResult.Cause"/>), never thrown.
    /// Cancelling the token aborts the execution (status <see cref="ExecutionStatus.Aborted"/>).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="input"/> nests deeper than <see cref="JsonValue.MaxDepth"/> or holds a string with an unpaired
    /// surrogate: data JSON text could not carry (the execution API answers <c>InvalidExecutionInput</c>).
    /// </exception>
    public Task<ExecutionResult> ExecuteAsync(
        StateMachine stateMachine,
        JsonValue input,
        ExecutionOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stateMachine);
        ArgumentNullException.ThrowIfNull(input);
        if (JsonDataProblems.Find(input) is { } problem)
        {
            throw new ArgumentException($"The execution input is not valid JSON data: {problem}.", nameof(input));
        }

        return ExecutionRunner.RunAsync(this, stateMachine, input, options ?? ExecutionOptions.Default, cancellationToken);
    }
}
