using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Execution.Dispatch;
using StepFlow.Json;
using StepFlow.Persistence;
using StepFlow.Service;
using StepFlow.Tasks;

namespace StepFlow.Integrations.StepFunctions;

/// <summary>
/// The optimised integration <c>arn:aws:states:::states:startExecution</c>: starts an execution of a state machine
/// registered with the engine, through the engine's own execution API (<see cref="ExecutionService"/>),
/// so the child is an ordinary execution (listed, described, stopped and kept like any other).
/// <list type="bullet">
/// <item>request-response and <c>.waitForTaskToken</c>: the result is the StartExecution response
/// (<c>ExecutionArn</c>, <c>StartDate</c>); for <c>.waitForTaskToken</c> it is the TaskSubmitted output and the task
/// waits for the token.</item>
/// <item><c>.sync</c> / <c>.sync:2</c>: records TaskSubmitted with that response, waits for the child to close and returns
/// its DescribeExecution response; a child that does not succeed fails the task with <c>States.TaskFailed</c> and that
/// response as the cause. When the wait ends early (TimeoutSeconds, the parent's own timeout or StopExecution of the
/// parent) the child is stopped, as AWS stops the resource a <c>.sync</c> Task manages.</item>
/// </list>
/// A refusal of the service (unknown machine, bad name, limit) fails the task with <c>StepFunctions.&lt;Code&gt;Exception</c>.
/// </summary>
internal sealed class StartExecutionIntegration(ExecutionService executions) : ITaskIntegration
{
    private const string Action = ":states:::states:startExecution";

    /// <summary>Whether <paramref name="resource"/> (or, for a suffixed pattern, <paramref name="baseResource"/>) is StartExecution.</summary>
    public bool Handles(string resource, string? baseResource) =>
        IsStartExecution(resource) || (baseResource is not null && IsStartExecution(baseResource));

    public async ValueTask<JsonValue> InvokeAsync(RunContext run, TaskInvocation invocation, long nowUtcTicks, CancellationToken cancellationToken)
    {
        try
        {
            var request = StartExecutionRequest.From(invocation.Input, invocation.StateName);
            if (request.Name is null && run.Log is not null && invocation.IdempotencyKey is { } key)
            {
                // A durable parent names its child after the attempt, so a parent resumed after a crash finds the
                // child it started instead of starting a second one.
                request = request with { Name = DerivedName(key), NameIsDerived = true };
            }

            if (invocation.Pattern != IntegrationPattern.Sync)
            {
                return ExecutionShapes.Started(await StartAsync(run, request, cancellationToken).ConfigureAwait(false), run.NewUuid());
            }

            var parsed = invocation.Resource.EndsWith(".sync:2", StringComparison.Ordinal);
            return executions.Machines.TryGet(request.StateMachineArn, out var machine) && machine.Type == Parsing.StateMachineType.Express
                ? await RunExpressAsync(run, request, parsed, cancellationToken).ConfigureAwait(false)
                : await RunStandardAsync(run, invocation, request, parsed, cancellationToken).ConfigureAwait(false);
        }
        catch (ExecutionApiException refusal)
        {
            throw ServiceErrors.From(refusal);
        }
        catch (Exception e) when (TaskDispatcher.Translate(e, invocation, cancellationToken) is { } translated)
        {
            throw translated;
        }
    }

    /// <summary>The cause StopExecution gets when the Task managing a child stops waiting for it (AWS's wording).</summary>
    internal static string AbortCause(string parentExecutionArn) =>
        $"The Task state in AWS Step Functions execution [{parentExecutionArn}] which was managing this resource was aborted";

    private static bool IsStartExecution(string resource) =>
        resource.EndsWith(Action, StringComparison.Ordinal) &&
        resource.StartsWith("arn:", StringComparison.Ordinal) &&
        resource.IndexOf(':', 4) == resource.Length - Action.Length;

    /// <summary>Starts the child; the parent's per-execution allow-list restricts the child too.</summary>
    private async Task<StartExecutionResult> StartAsync(RunContext run, StartExecutionRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await executions.StartAsync(request.StateMachineArn, request.Input, request.Name, run.Options.AllowedResources, cancellationToken).ConfigureAwait(false);
        }
        catch (ExecutionApiException e) when (e.ErrorCode == ExecutionApiErrorCodes.ExecutionAlreadyExists && request.NameIsDerived)
        {
            // Started before a crash, and closed since: it is this attempt's child.
            var arn = request.StateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + request.Name;
            var existing = await executions.DescribeAsync(arn, cancellationToken).ConfigureAwait(false);
            return new StartExecutionResult(existing.ExecutionArn, existing.StartDate);
        }
    }

    /// <summary>A GUID-shaped execution name derived from the parent attempt's idempotency key.</summary>
    private static string DerivedName(string idempotencyKey)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(idempotencyKey));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }

    private async Task<JsonValue> RunStandardAsync(
        RunContext run, TaskInvocation invocation, StartExecutionRequest request, bool parsed, CancellationToken cancellationToken)
    {
        // The start itself is not cancelled: a parent stopped while its child is being created would otherwise leave
        // the child running unmanaged. Once started, a cancelled wait below stops the child.
        cancellationToken.ThrowIfCancellationRequested();
        var started = await StartAsync(run, request, CancellationToken.None).ConfigureAwait(false);
        if (!cancellationToken.IsCancellationRequested)
        {
            invocation.Submitted?.Invoke(ExecutionShapes.Started(started, run.NewUuid()));
        }

        ExecutionDescription closed;
        try
        {
            closed = await executions.WaitAsync(started.ExecutionArn, cancellationToken).ConfigureAwait(false);
            if (closed.Status == ExecutionStatus.Running)
            {
                // The child was suspended by an engine shutdown. A parent run by the execution service is being
                // suspended too: wait for its cancellation. Any other parent cannot wait for the child any more.
                if (!run.Suspending)
                {
                    throw new StatesErrorException(
                        StatesErrorNames.TaskFailed,
                        $"The child execution '{started.ExecutionArn}' was suspended by an engine shutdown before it closed.");
                }

                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && !run.Suspending)
        {
            await StopChildAsync(started.ExecutionArn, invocation.ExecutionArn).ConfigureAwait(false);
            throw;
        }

        var described = ExecutionShapes.Described(closed, parsed);
        return closed.Status == ExecutionStatus.Succeeded
            ? described
            : throw new StatesErrorException(StatesErrorNames.TaskFailed, described.ToJsonString());
    }

    /// <summary>Stops the child and waits until it has closed, so the parent ends after its child.</summary>
    private async Task StopChildAsync(string childArn, string parentArn)
    {
        try
        {
            await executions.StopAsync(childArn, null, AbortCause(parentArn), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
        {
            // The parent is ending anyway: a child that cannot be stopped (gone, or its store failing) must not turn
            // the parent's abort or timeout into another error. The child's own run reports its failure.
        }
    }

    /// <summary>
    /// An Express child cannot be described, so it runs with StartSyncExecution; cancelling the wait aborts it. It has no
    /// TaskSubmitted event (its ARN is known only once it has ended).
    /// </summary>
    private async Task<JsonValue> RunExpressAsync(RunContext run, StartExecutionRequest request, bool parsed, CancellationToken cancellationToken)
    {
        var result = await executions.StartSyncAsync(
            request.StateMachineArn, request.Input, request.Name, run.Options.AllowedResources, cancellationToken).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var described = ExecutionShapes.Described(result, parsed);
        return result.Status == ExecutionStatus.Succeeded
            ? described
            : throw new StatesErrorException(StatesErrorNames.TaskFailed, described.ToJsonString());
    }
}
