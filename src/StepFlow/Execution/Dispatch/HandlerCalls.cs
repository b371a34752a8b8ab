using StepFlow.Errors;
using StepFlow.Json;
using StepFlow.Tasks;

namespace StepFlow.Execution.Dispatch;

/// <summary>
/// Calls a registered handler the way its entry says. Inline (the default) the handler runs on the execution's thread and
/// the time its synchronous part takes is read from the engine's clock: a call that holds the thread longer than
/// <see cref="EngineOptions.BlockingHandlerThreshold"/> marks the handler as blocking, and from then on its calls run on
/// <see cref="BlockingHandlerThreads"/>, where timeouts, heartbeats and sibling branches no longer wait for it, until
/// enough of them in a row are quick again (<see cref="TaskHandlerEntry"/>). A handler registered as blocking goes there
/// from its first call and stays.
/// </summary>
internal static class HandlerCalls
{
    /// <summary>
    /// Calls the handler; <paramref name="nowUtcTicks"/> is the engine clock's reading just before, so an inline call costs
    /// one more clock reading and nothing else.
    /// </summary>
    public static ValueTask<JsonValue> InvokeAsync(RunContext run, TaskHandlerEntry entry, TaskInvocation invocation, long nowUtcTicks, CancellationToken cancellationToken)
    {
        var engine = run.Engine;
        var threshold = engine.BlockingThresholdTicks;
        if (entry.RunsOffThread)
        {
            return new ValueTask<JsonValue>(engine.BlockingHandlers.RunAsync(entry, invocation, run.TimeProvider, threshold, cancellationToken));
        }

        if (threshold == long.MaxValue)
        {
            return entry.Handler.InvokeAsync(invocation, cancellationToken);
        }

        try
        {
            return entry.Handler.InvokeAsync(invocation, cancellationToken);
        }
        finally
        {
            if (run.TimeProvider.GetUtcNow().UtcTicks - nowUtcTicks > threshold)
            {
                entry.MarkBlocking();
            }
        }
    }

    /// <summary>The error of a handler that returned null where a JSON value belongs.</summary>
    public static StatesErrorException NullResult(TaskInvocation invocation) =>
        new(
            StatesErrorNames.TaskFailed,
            $"The task handler for '{invocation.Resource}' (state '{invocation.StateName}') returned null instead of a JSON value; return JsonValue.Null for a JSON null.");
}
