using StepFlow.Definition;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Persistence;
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
        Persistence.IExecutionStore? store = null,
        ITaskMocker? taskMocker = null,
        int? randomSeed = null,
        Microsoft.Extensions.Logging.ILoggerFactory? loggerFactory = null)
    {
        Runtime = new EngineRuntime(timeProvider, options, handlers, activities, allowedResources, randomSeed, loggerFactory) { TaskMocker = taskMocker };
        Executions = new Service.ExecutionService(
            Runtime, new StateMachines.StateMachineRegistry(stateMachines ?? []), store ?? new Persistence.InMemoryExecutionStore());
        Runtime.Integrations =
        [
            new Integrations.Lambda.LambdaInvokeIntegration(),
            new Integrations.StepFunctions.StartExecutionIntegration(Executions),
            new Integrations.Activities.ActivityIntegration(),
        ];
    }

    /// <summary>The clock every Wait, retry delay, timeout and timestamp goes through.</summary>
    public TimeProvider TimeProvider => Runtime.TimeProvider;

    /// <summary>The engine limits.</summary>
    public EngineOptions Options => Runtime.Options;

    /// <summary>What this engine's executions share.</summary>
    internal EngineRuntime Runtime { get; }

    internal TaskHandlerRegistry Handlers => Runtime.Handlers;

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
        return ExecutionRunner.RunAsync(Runtime, stateMachine, input, options ?? ExecutionOptions.Default, cancellationToken);
    }
}
