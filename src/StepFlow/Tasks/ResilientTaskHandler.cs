using Polly;
using Polly.CircuitBreaker;
using StepFlow.Errors;
using StepFlow.Json;

namespace StepFlow.Tasks;

/// <summary>
/// A host's task handler run inside the host's own Polly <see cref="ResiliencePipeline"/> (a circuit breaker, a
/// rate limiter, a quick in-process retry, …). It sits inside the state's ASL Retry: each ASL attempt is one run of
/// the pipeline. An open circuit fails the attempt with <c>States.TaskFailed</c> and a cause that says so, which
/// Retry and Catch can match; any other exception is handled as a handler's own.
/// </summary>
internal sealed class ResilientTaskHandler(ITaskHandler inner, ResiliencePipeline pipeline) : ITaskHandler
{
    public ValueTask<JsonValue> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        ValueTask<JsonValue> pending;
        try
        {
            pending = pipeline.ExecuteAsync(
                static (call, token) => call.Handler.InvokeAsync(call.Invocation, token),
                (Handler: inner, Invocation: invocation),
                cancellationToken);
        }
        catch (BrokenCircuitException e)
        {
            throw CircuitOpen(invocation, e);
        }

        return pending.IsCompletedSuccessfully ? pending : AwaitAsync(pending, invocation);
    }

    private static async ValueTask<JsonValue> AwaitAsync(ValueTask<JsonValue> pending, TaskInvocation invocation)
    {
        try
        {
            return await pending.ConfigureAwait(false);
        }
        catch (BrokenCircuitException e)
        {
            throw CircuitOpen(invocation, e);
        }
    }

    private static StatesErrorException CircuitOpen(TaskInvocation invocation, BrokenCircuitException e)
    {
        var retryAfter = e.RetryAfter is { } after ? $" It may close again in {after.TotalSeconds:0.###} s." : string.Empty;
        return new StatesErrorException(
            StatesErrorNames.TaskFailed,
            $"The circuit breaker of the host pipeline for '{invocation.Resource}' (state '{invocation.StateName}') is open, so the handler was not called.{retryAfter}",
            e);
    }
}
