using StepFlow.Json;
using StepFlow.Tasks;

namespace StepFlow.Execution.Dispatch;

/// <summary>
/// Runs the calls of blocking task handlers, each on a dedicated background thread, never on the thread pool: a handler
/// that sleeps or waits on synchronous I/O then holds neither the execution's thread nor a pool thread that timers and
/// other executions need. At most <see cref="EngineOptions.MaxBlockingHandlerThreads"/> calls run at once per engine;
/// a call beyond that waits (asynchronously, within the task's timeouts) for a thread to come free. A thread is held
/// only while the handler's synchronous part runs; an asynchronous remainder continues like any awaited task.
/// </summary>
internal sealed class BlockingHandlerThreads(int maxThreads)
{
    private readonly SemaphoreSlim _slots = new(maxThreads, maxThreads);

    /// <summary>The call's outcome; a late one is simply never awaited (the engine has moved on).</summary>
    /// <remarks>
    /// The time the handler's synchronous part takes is read from <paramref name="clock"/> and reported to the entry
    /// (quick when within <paramref name="threshold"/> ticks), which may then return to the execution's thread.
    /// </remarks>
    public Task<JsonValue> RunAsync(TaskHandlerEntry entry, TaskInvocation invocation, TimeProvider clock, long threshold, CancellationToken cancellationToken)
    {
        var call = new Call(this, entry, invocation, clock, threshold, cancellationToken);
        return _slots.Wait(0) ? Start(call) : WaitThenStartAsync(call);
    }

    private async Task<JsonValue> WaitThenStartAsync(Call call)
    {
        await _slots.WaitAsync(call.CancellationToken).ConfigureAwait(false);
        return await Start(call).ConfigureAwait(false);
    }

    private Task<JsonValue> Start(Call call)
    {
        var thread = new Thread(static state => ((Call)state!).Run())
        {
            IsBackground = true,
            Name = "StepFlow blocking task handler",
        };
        try
        {
            thread.UnsafeStart(call);
        }
        catch
        {
            _slots.Release();
            throw;
        }

        return call.Outcome.Task;
    }

    private sealed class Call(
        BlockingHandlerThreads owner, TaskHandlerEntry entry, TaskInvocation invocation, TimeProvider clock, long threshold, CancellationToken cancellationToken)
    {
        public TaskCompletionSource<JsonValue> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationToken CancellationToken => cancellationToken;

        public void Run()
        {
            ValueTask<JsonValue> pending;
            var started = clock.GetUtcNow().UtcTicks;
            try
            {
                pending = entry.Handler.InvokeAsync(invocation, cancellationToken);
            }
            catch (Exception e)
            {
                Ended(started);
                Complete(e);
                return;
            }

            Ended(started);
            if (pending.IsCompleted)
            {
                Complete(pending);
            }
            else
            {
                _ = CompleteLaterAsync(pending);
            }
        }

        private void Ended(long started)
        {
            owner._slots.Release();
            entry.OffThreadCallEnded(clock.GetUtcNow().UtcTicks - started <= threshold);
        }

        private async Task CompleteLaterAsync(ValueTask<JsonValue> pending)
        {
            try
            {
                Outcome.TrySetResult(await pending.ConfigureAwait(false));
            }
            catch (Exception e)
            {
                Complete(e);
            }
        }

        private void Complete(ValueTask<JsonValue> completed)
        {
            try
            {
                Outcome.TrySetResult(completed.Result);
            }
            catch (Exception e)
            {
                Complete(e);
            }
        }

        /// <summary>Awaiting the outcome rethrows the handler's own exception, cancellation included.</summary>
        private void Complete(Exception e) => Outcome.TrySetException(e);
    }
}
