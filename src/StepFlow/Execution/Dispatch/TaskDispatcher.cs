using StepFlow.Errors;
using StepFlow.Execution.Journal;
using StepFlow.Json;
using StepFlow.Tasks;

namespace StepFlow.Execution.Dispatch;

/// <summary>
/// Sends a task invocation to its handler: the answer of the engine's task mocker when it mocks the task, else the
/// handler registered for the Resource, else the first of the engine's built-in integrations
/// (<see cref="EngineRuntime.Integrations"/>) that serves it.
/// Any exception other than an ASL error becomes <c>States.TaskFailed</c>.
/// </summary>
internal static class TaskDispatcher
{
    /// <summary>
    /// Invokes the task. <paramref name="nowUtcTicks"/> is a clock reading taken just before (the caller has one), from
    /// which the time the handler holds this thread is measured.
    /// </summary>
    public static ValueTask<JsonValue> InvokeAsync(RunContext run, TaskInvocation invocation, long nowUtcTicks, CancellationToken cancellationToken) =>
        InvokeAsync(run, invocation, null, nowUtcTicks, cancellationToken);

    /// <summary>Like the overload above; <paramref name="baseResource"/> (the Resource without its pattern suffix) is tried when the full Resource has no handler.</summary>
    public static ValueTask<JsonValue> InvokeAsync(RunContext run, TaskInvocation invocation, string? baseResource, long nowUtcTicks, CancellationToken cancellationToken)
    {
        // A test's mocker answers first (a .waitForTaskToken task's mock is asked by the pattern runner, as its callback).
        if (run.Engine.TaskMocker is { } mocker && invocation.Pattern != IntegrationPattern.WaitForTaskToken &&
            TaskMocking.TryAnswer(run, mocker, invocation, out var mocked))
        {
            return new ValueTask<JsonValue>(mocked);
        }

        return run.CheckpointsEffects
            ? CheckpointThenInvokeAsync(run, invocation, baseResource, cancellationToken)
            : InvokeNowAsync(run, invocation, baseResource, nowUtcTicks, cancellationToken);
    }

    /// <summary>A durable execution commits everything it recorded before a handler sees the task.</summary>
    private static async ValueTask<JsonValue> CheckpointThenInvokeAsync(RunContext run, TaskInvocation invocation, string? baseResource, CancellationToken cancellationToken)
    {
        await TaskCheckpoints.BeforeEffectAsync(run).ConfigureAwait(false);
        return await InvokeNowAsync(run, invocation, baseResource, run.TimeProvider.GetUtcNow().UtcTicks, cancellationToken).ConfigureAwait(false);
    }

    private static ValueTask<JsonValue> InvokeNowAsync(RunContext run, TaskInvocation invocation, string? baseResource, long nowUtcTicks, CancellationToken cancellationToken)
    {
        var handler = run.Engine.Handlers.Find(invocation.Resource) ?? (baseResource is null ? null : run.Engine.Handlers.Find(baseResource));
        try
        {
            if (handler is not null)
            {
                var pending = HandlerCalls.InvokeAsync(run, handler, invocation, nowUtcTicks, cancellationToken);
                if (pending.IsCompletedSuccessfully)
                {
                    return pending.Result is null ? throw HandlerCalls.NullResult(invocation) : pending;
                }

                return Observe(pending, invocation, cancellationToken);
            }

            foreach (var integration in run.Engine.Integrations)
            {
                if (integration.Handles(invocation.Resource, baseResource))
                {
                    return integration.InvokeAsync(run, invocation, nowUtcTicks, cancellationToken);
                }
            }
        }
        catch (Exception e) when (Translate(e, invocation, cancellationToken) is { } translated)
        {
            throw translated;
        }

        throw new StatesErrorException(
            StatesErrorNames.TaskFailed,
            $"No task handler is registered for the resource '{invocation.Resource}' (state '{invocation.StateName}').");
    }

    private static async ValueTask<JsonValue> Observe(ValueTask<JsonValue> pending, TaskInvocation invocation, CancellationToken cancellationToken)
    {
        JsonValue result;
        try
        {
            result = await pending.ConfigureAwait(false);
        }
        catch (Exception e) when (Translate(e, invocation, cancellationToken) is { } translated)
        {
            throw translated;
        }

        return result ?? throw HandlerCalls.NullResult(invocation);
    }

    /// <summary>Null keeps the exception as it is (ASL errors and cancellation of the execution).</summary>
    internal static Exception? Translate(Exception exception, TaskInvocation invocation, CancellationToken cancellationToken)
    {
        if (exception is StatesErrorException || (exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            return null;
        }

        return new StatesErrorException(
            StatesErrorNames.TaskFailed,
            $"The task handler for '{invocation.Resource}' threw {exception.GetType().Name}: {exception.Message}",
            exception);
    }
}
