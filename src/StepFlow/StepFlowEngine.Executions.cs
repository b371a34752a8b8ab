using StepFlow.Json;
using StepFlow.Service;

namespace StepFlow;

/// <content>
/// The execution API, shaped like AWS Step Functions' (StartExecution, StartSyncExecution, DescribeExecution,
/// ListExecutions, StopExecution, GetExecutionHistory), over the state machines registered with
/// <see cref="StepFlowEngineBuilder.AddStateMachine"/> and the store set with <see cref="StepFlowEngineBuilder.UseExecutionStore"/>.
/// </content>
public sealed partial class StepFlowEngine
{
    internal ExecutionService Executions { get; }

    /// <summary>The registered state machines.</summary>
    public IEnumerable<StateMachines.RegisteredStateMachine> StateMachines => Executions.Machines.All;

    /// <summary>
    /// Starts an execution of a registered state machine in the background and returns its ARN (AWS's StartExecution).
    /// Standard: the same <paramref name="name"/> and input as a running execution returns that execution; a closed one or
    /// another input fails with <c>ExecutionAlreadyExists</c>. Express: every call starts a new execution.
    /// </summary>
    /// <param name="stateMachineArn">The state machine's ARN (see <see cref="StateMachines.RegisteredStateMachine.Arn"/>).</param>
    /// <param name="input">The input; an empty object when null.</param>
    /// <param name="name">The execution name; a new GUID when null.</param>
    /// <param name="cancellationToken">Cancels the start (not the execution).</param>
    /// <exception cref="ExecutionApiException">
    /// StateMachineDoesNotExist, InvalidArn, InvalidName, InvalidExecutionInput, ExecutionAlreadyExists, ExecutionLimitExceeded.
    /// </exception>
    public Task<StartExecutionResult> StartExecutionAsync(string stateMachineArn, JsonValue? input = null, string? name = null, CancellationToken cancellationToken = default) =>
        DurabilityFaults.StartReturnsEarly > TimeSpan.Zero && name is not null
            ? DurabilityFaults.StartLate(() => Executions.StartAsync(stateMachineArn, input, name, CancellationToken.None), stateMachineArn, name, TimeProvider)
            : Executions.StartAsync(stateMachineArn, input, name, cancellationToken);

    /// <summary>
    /// Runs an execution of a registered Express state machine to its end and returns status, output, error and cause
    /// (AWS's StartSyncExecution). Standard machines are refused with <c>StateMachineTypeNotSupported</c>.
    /// </summary>
    public Task<SyncExecutionResult> StartSyncExecutionAsync(string stateMachineArn, JsonValue? input = null, string? name = null, CancellationToken cancellationToken = default) =>
        Executions.StartSyncAsync(stateMachineArn, input, name, cancellationToken);

    /// <summary>An execution's status, input, output, error and cause (AWS's DescribeExecution).</summary>
    /// <exception cref="ExecutionApiException">ExecutionDoesNotExist; StateMachineTypeNotSupported for an Express execution.</exception>
    public Task<ExecutionDescription> DescribeExecutionAsync(string executionArn, CancellationToken cancellationToken = default) =>
        Executions.DescribeAsync(executionArn, cancellationToken);

    /// <summary>Waits until the execution has closed (succeeded, failed, timed out or aborted) and describes it.</summary>
    public Task<ExecutionDescription> WaitForExecutionAsync(string executionArn, CancellationToken cancellationToken = default) =>
        Executions.WaitAsync(executionArn, cancellationToken);

    /// <summary>One page of a state machine's executions, newest first (AWS's ListExecutions).</summary>
    public Task<ExecutionPage> ListExecutionsAsync(ListExecutionsRequest request, CancellationToken cancellationToken = default) =>
        Executions.ListAsync(request, cancellationToken);

    /// <summary>One page of an execution's history (AWS's GetExecutionHistory).</summary>
    public Task<HistoryPage> GetExecutionHistoryAsync(GetExecutionHistoryRequest request, CancellationToken cancellationToken = default) =>
        Executions.GetHistoryAsync(request, cancellationToken);

    /// <summary>
    /// Watches an execution live: every history event (as <see cref="GetExecutionHistoryAsync"/> gives them, with
    /// execution data), in order from the first, then each one as the run records it; the stream ends once the
    /// execution has closed and its last event was read. An execution this engine is not running (closed, or held by
    /// the store only) gives what the store holds, then ends.
    /// </summary>
    /// <remarks>
    /// A slow consumer never makes the engine buffer anything: the stream reads the execution's own history (which the
    /// run keeps anyway, up to <see cref="Execution.EngineOptions.MaxHistoryEvents"/>), and the run never waits for a watcher, so a
    /// consumer that falls behind reads the events it missed later, and none is dropped. While no one watches, recording
    /// an event costs one more field read. Cancelling <paramref name="cancellationToken"/> ends the stream, not the
    /// execution. Express executions are not recorded and cannot be watched.
    /// </remarks>
    /// <exception cref="ExecutionApiException">ExecutionDoesNotExist; StateMachineTypeNotSupported for an Express execution.</exception>
    public IAsyncEnumerable<History.HistoryEvent> WatchExecutionAsync(string executionArn, CancellationToken cancellationToken = default) =>
        Executions.WatchAsync(executionArn, cancellationToken);

    /// <summary>
    /// Stops a running execution: it ends ABORTED with an ExecutionAborted event carrying <paramref name="error"/> and
    /// <paramref name="cause"/> (AWS's StopExecution). Returns the stop date; a closed execution is left as it is.
    /// </summary>
    public Task<DateTimeOffset> StopExecutionAsync(string executionArn, string? error = null, string? cause = null, CancellationToken cancellationToken = default) =>
        Executions.StopAsync(executionArn, error, cause, cancellationToken);

    /// <summary>
    /// Resumes every execution the store holds as RUNNING that this engine is not running (after a crash or a shutdown):
    /// each carries on from its last checkpoint — finished states are not run again, a task that was in flight may be
    /// invoked once more (with the same <see cref="Tasks.TaskInvocation.IdempotencyKey"/>), Wait states keep their due
    /// time and callback tokens stay valid. Also deletes closed executions older than
    /// <see cref="Execution.EngineOptions.HistoryRetention"/>. Call it once when the host starts.
    /// </summary>
    public Task<RecoveryReport> RecoverAsync(CancellationToken cancellationToken = default) => Executions.RecoverAsync(cancellationToken);

    /// <summary>
    /// Restarts a FAILED, TIMED_OUT or ABORTED Standard execution from where it stopped (AWS's RedriveExecution): states
    /// that succeeded keep their results and are not run again — inside Map and Parallel only the failed or unfinished
    /// iterations and branches run —, RedriveCount grows by one and an ExecutionRedriven event is written. Returns the
    /// redrive date.
    /// </summary>
    /// <exception cref="ExecutionApiException">ExecutionDoesNotExist; ExecutionNotRedrivable (running, succeeded, stopped more than 14 days ago, history limit reached).</exception>
    public Task<DateTimeOffset> RedriveExecutionAsync(string executionArn, CancellationToken cancellationToken = default) =>
        Executions.RedriveAsync(executionArn, cancellationToken);

    /// <summary>
    /// Stops taking new executions from outside — <see cref="StartExecutionAsync"/>, <see cref="StartSyncExecutionAsync"/>
    /// and <see cref="RedriveExecutionAsync"/> then throw <see cref="ExecutionApiException"/> <c>ServiceUnavailable</c> saying
    /// the engine is draining — while the running executions go on (and may still start their own child executions).
    /// Completes with true once no Standard execution runs, or with false when <paramref name="cancellationToken"/> is
    /// cancelled first; call <see cref="ShutdownAsync"/> next, which stops what still runs where it is (resumable with a
    /// durable store). A host calls it when it begins to stop, with its shutdown timeout as the token.
    /// </summary>
    public Task<bool> DrainAsync(CancellationToken cancellationToken = default) => Executions.DrainAsync(cancellationToken);

    /// <summary>
    /// Shuts down cleanly: refuses new executions, and every running execution stops where it is without closing
    /// (with a durable store it resumes when an engine on the same store recovers).
    /// </summary>
    public Task ShutdownAsync(CancellationToken cancellationToken = default) => Executions.ShutdownAsync(cancellationToken);
}
