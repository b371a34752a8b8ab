using Polly;
using Polly.Timeout;
using StepFlow.Errors;
using StepFlow.Json;

namespace StepFlow.Execution.Dispatch;

/// <summary>
/// TimeoutSeconds (or TimeoutSecondsPath) and the execution's deadline around a task that is really pending, as a
/// Polly timeout on the engine's <see cref="TimeProvider"/>. A task that completes at once never gets here, so it
/// creates no timer. Callback and activity tasks keep <see cref="TaskPatternRunner"/>'s own loop, because a
/// heartbeat moves their limit and an answer can race the limit for the token.
/// </summary>
internal static class TaskTimeouts
{
    private static readonly ResiliencePropertyKey<TimeSpan> LimitKey = new("StepFlow.TaskTimeout");

    /// <summary>Polly's timer takes at most ~49.7 days: a longer limit is waited in slices of this.</summary>
    private static readonly TimeSpan MaxSlice = TimeSpan.FromDays(1);

    /// <summary>A limit closer than this has passed (timers may fire a little early on a real clock).</summary>
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(1);

    /// <summary>The engine's timeout pipeline: the timeout of each execution comes from the context.</summary>
    public static ResiliencePipeline CreatePipeline(TimeProvider timeProvider) =>
        new ResiliencePipelineBuilder { Name = "StepFlow.TaskTimeout", TimeProvider = timeProvider }
            .AddTimeout(new TimeoutStrategyOptions
            {
                Name = "TaskTimeout",
                TimeoutGenerator = static args => new ValueTask<TimeSpan>(args.Context.Properties.GetValue(LimitKey, Timeout.InfiniteTimeSpan)),
            })
            .Build();

    /// <summary>Whether a task scheduled at <paramref name="start"/> is past its TimeoutSeconds or the execution's task deadline.</summary>
    public static bool IsPastLimit(RunContext run, DateTimeOffset start, TimeSpan? timeout)
    {
        var now = run.TimeProvider.GetUtcNow();
        return (timeout is { } t && now >= start + t) || (run.TaskDeadline is { } deadline && now >= deadline);
    }

    /// <summary>
    /// Waits for <paramref name="work"/>, started at <paramref name="start"/>. Past <paramref name="timeout"/> it fails
    /// with <c>States.Timeout</c>; past the execution's deadline (when that comes strictly first) the execution times out.
    /// Work that completed only after a limit had passed (a handler that held the execution's thread) is discarded the same way.
    /// <paramref name="cancelOnLimit"/>, when given, is cancelled when a limit passes, so the handler can stop.
    /// </summary>
    public static async ValueTask<JsonValue> AwaitAsync(
        Task<JsonValue> work,
        RunContext run,
        DateTimeOffset start,
        TimeSpan? timeout,
        CancellationTokenSource? cancelOnLimit,
        CancellationToken cancellationToken)
    {
        var timeoutAt = timeout is { } t ? start + t : (DateTimeOffset?)null;
        var executionLimit = run.TaskDeadline is { } deadline && (timeoutAt is null || deadline < timeoutAt);
        var limitAt = executionLimit ? run.TaskDeadline : timeoutAt;
        if (work.IsCompleted && limitAt is { } passed && run.TimeProvider.GetUtcNow() >= passed)
        {
            // The handler held the execution's thread past the limit: its outcome came too late and is discarded.
            TaskPatternRunner.Observe(work);
            throw executionLimit ? new ExecutionTimedOutException() : new StatesErrorException(StatesErrorNames.Timeout, null);
        }

        try
        {
            if (limitAt is null)
            {
                return await work.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            var pipeline = run.Engine.TimeoutPipeline;
            while (!work.IsCompleted)
            {
                var remaining = limitAt.Value - run.TimeProvider.GetUtcNow();
                if (remaining < Tolerance)
                {
                    break;
                }

                var context = ResilienceContextPool.Shared.Get(cancellationToken);
                context.Properties.Set(LimitKey, remaining < MaxSlice ? remaining : MaxSlice);
                try
                {
                    return await pipeline.ExecuteAsync(
                        static (ctx, pending) => new ValueTask<JsonValue>(pending.WaitAsync(ctx.CancellationToken)), context, work).ConfigureAwait(false);
                }
                catch (TimeoutRejectedException)
                {
                    // The limit passed, or one slice of a long one: the loop decides.
                }
                finally
                {
                    ResilienceContextPool.Shared.Return(context);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Cancel the attempt's own token now: this code may run inside the cancellation of the outer token, before
            // the linked attempt token's turn, and the caller disposes the attempt (unlinking it) as soon as this throws.
            if (cancelOnLimit is not null)
            {
                await cancelOnLimit.CancelAsync().ConfigureAwait(false);
            }

            TaskPatternRunner.Observe(work);
            throw;
        }

        if (work.IsCompleted)
        {
            return await work.ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (cancelOnLimit is not null)
        {
            await cancelOnLimit.CancelAsync().ConfigureAwait(false);
        }

        TaskPatternRunner.Observe(work);
        throw executionLimit ? new ExecutionTimedOutException() : new StatesErrorException(StatesErrorNames.Timeout, null);
    }
}
