using StepFlow.Definition;
using StepFlow.Definition.States;
using StepFlow.Errors;
using StepFlow.Execution.Callbacks;
using StepFlow.Execution.Executor;
using StepFlow.Execution.Journal;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Paths;
using StepFlow.Tasks;

namespace StepFlow.Execution.Dispatch;

/// <summary>
/// Runs the Task attempts that are more than a request and a response: <c>.sync</c> jobs, <c>.waitForTaskToken</c>
/// callbacks, activity tasks, and any task whose resource the allow-list refuses (<c>States.Permissions</c>). Every
/// attempt goes to <see cref="TaskDispatcher"/>, which finds whoever serves the Resource (a handler or a registered
/// integration, activities included); this runner owns only the pattern: tokens, heartbeats, limits and events.
/// Every wait is bounded by TimeoutSeconds, HeartbeatSeconds, the execution's deadline and cancellation, all on the
/// engine's <see cref="TimeProvider"/> (a <c>.sync</c> job's through <see cref="TaskTimeouts"/>' Polly timeout).
/// </summary>
internal static class TaskPatternRunner
{
    /// <summary>Timers are re-armed at least this often, so very long timeouts stay within what timers accept.</summary>
    private static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(1);

    private enum Limit
    {
        None,
        TaskTimeout,
        Heartbeat,
        Execution,
    }

    /// <summary>Whether this runner, not the plain request-response path, runs the attempt.</summary>
    public static bool Handles(TaskState state, RunContext run) =>
        state.Pattern != IntegrationPattern.RequestResponse || !run.IsResourceAllowed(state.Resource);

    /// <summary>
    /// Prepares an attempt before its Parameters are evaluated: a fresh task token for <c>.waitForTaskToken</c>
    /// (visible as <c>$$.Task.Token</c>) and the resolved HeartbeatSeconds.
    /// </summary>
    public static void BeginAttempt(TaskState state, JsonValue input, StateVisit visit, Frame frame)
    {
        if (state.Pattern == IntegrationPattern.WaitForTaskToken)
        {
            visit.TaskToken = TaskCheckpoints.Token(frame, visit, "callback");
        }

        if (state.Pattern is IntegrationPattern.WaitForTaskToken or IntegrationPattern.Activity)
        {
            visit.TaskHeartbeat = ResolveHeartbeat(state, input, visit, frame);
        }
    }

    /// <summary>
    /// A durable execution commits the outcome of a task answered by token before it tells whoever answered
    /// (SendTaskSuccess/Failure) that the answer was taken. Other outcomes go with the next checkpoint (before the next
    /// invocation, a Wait, or the close): until then the task counts as in flight.
    /// </summary>
    private static async Task CheckpointOutcomeAsync(RunContext run, PendingTask? pending)
    {
        if (!run.CheckpointsEffects || pending is not { AwaitsCheckpoint: true })
        {
            return;
        }

        try
        {
            await TaskCheckpoints.BeforeEffectAsync(run).ConfigureAwait(false);
            pending?.Checkpointed.TrySetResult();
        }
        catch (Exception e)
        {
            pending?.Checkpointed.TrySetException(e);
            throw;
        }
    }

    public static async ValueTask<JsonValue> InvokeAsync(
        TaskState state,
        JsonValue payload,
        Frame frame,
        StateVisit visit,
        TimeSpan? timeout,
        CancellationToken cancellationToken)
    {
        var run = frame.Run;
        var engine = run.Engine;
        var history = frame.History;
        var pattern = state.Pattern;
        var events = EventNames.For(state);
        var heartbeat = pattern is IntegrationPattern.WaitForTaskToken or IntegrationPattern.Activity ? visit.TaskHeartbeat : null;
        var start = run.TimeProvider.GetUtcNow();
        VisitEvents.Add(
            frame, visit, events.Scheduled, data: payload, extra: ScheduledDetails(state, run, timeout, heartbeat), utcTicks: start.UtcTicks);

        if (!run.IsResourceAllowed(state.Resource))
        {
            var refused = new StatesErrorException(
                StatesErrorNames.Permissions,
                $"The execution is not allowed to use the resource '{state.Resource}' (state '{state.Name}'): it is not on the resource allow-list.");
            VisitEvents.Add(frame, visit, events.StartFailed, extra: StateExecutor.ErrorDetails(refused));
            throw refused;
        }

        PendingTask? pending = null;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            Task<JsonValue> work;
            if (pattern == IntegrationPattern.Activity)
            {
                // An activity is answered by token like a callback, but its heartbeat clock and its Started event wait
                // for a worker to take it; whoever serves the Resource (the activity integration) hands it to workers.
                pending = new PendingTask(TaskCheckpoints.Token(frame, visit, "activity"), history, state.Name, payload, isActivity: true, start.UtcTicks)
                {
                    AwaitsCheckpoint = run.CheckpointsEffects,
                    RecordStarted = (details, now) =>
                    {
                        visit.TaskMeasure?.Start(now);
                        VisitEvents.Add(frame, visit, HistoryEventTypes.ActivityStarted, extra: details, utcTicks: now);
                    },
                };
                engine.Tokens.Open(pending);
                var invocation = new TaskInvocation(state.Resource, state.Name, payload, visit.RetryCount, visit.GetContextObject(), run.ExecutionArn, pending.Token, pattern)
                {
                    Attempt = TaskCheckpoints.Attempt(frame, visit),
                };
                try
                {
                    work = TaskDispatcher.InvokeAsync(run, invocation, state.BaseResource, start.UtcTicks, attempt.Token).AsTask();
                }
                catch (Exception e)
                {
                    work = Task.FromException<JsonValue>(e);
                }
            }
            else
            {
                VisitEvents.Add(frame, visit, events.Started, utcTicks: start.UtcTicks);
                if (pattern == IntegrationPattern.WaitForTaskToken)
                {
                    pending = new PendingTask(visit.TaskToken ?? TaskTokenRegistry.NewToken(), history, state.Name, payload, isActivity: false, start.UtcTicks)
                    {
                        AwaitsCheckpoint = run.CheckpointsEffects,
                    };
                    engine.Tokens.Open(pending);
                    work = SubmitThenWaitAsync(run, state, payload, frame, visit, pending, history, attempt.Token);
                }
                else
                {
                    var invocation = new TaskInvocation(state.Resource, state.Name, payload, visit.RetryCount, visit.GetContextObject(), run.ExecutionArn, null, pattern)
                    {
                        Attempt = TaskCheckpoints.Attempt(frame, visit),
                        Submitted = submitted => VisitEvents.Add(frame, visit, HistoryEventTypes.TaskSubmitted, data: submitted),
                    };
                    try
                    {
                        work = TaskDispatcher.InvokeAsync(run, invocation, state.BaseResource, start.UtcTicks, attempt.Token).AsTask();
                    }
                    catch (Exception e)
                    {
                        // A handler that failed on this thread: still judged against the limits (a late failure is a timeout).
                        work = Task.FromException<JsonValue>(e);
                    }
                }
            }

            // A .sync job has only its TimeoutSeconds and the deadline: a Polly timeout. Callbacks and activities have
            // heartbeats and a token that an answer can take before the limit does: their own loop.
            var result = pending is null
                ? await TaskTimeouts.AwaitAsync(work, run, start, timeout, attempt, cancellationToken).ConfigureAwait(false)
                : await WaitAsync(work, pending, run, start, timeout, heartbeat, attempt, cancellationToken).ConfigureAwait(false);
            if (frame.Scope is not null)
            {
                // A durable execution's store must keep the result: one it cannot fails the attempt, before it is recorded.
                Durability.StorableData.ThrowIfUnstorable(result, state.Resource);
            }

            history.Add(events.Succeeded, data: result, journal: TaskCheckpoints.Outcome(frame, visit));
            TaskCheckpoints.AfterOutcome(frame);
            await CheckpointOutcomeAsync(run, pending).ConfigureAwait(false);
            return result;
        }
        catch (TaskNotStartedException notStarted)
        {
            // Nothing was sent: the kind's start-failed event, and no outcome for the journal (as for a refused resource).
            var refused = new StatesErrorException(notStarted.Error, notStarted.Cause);
            VisitEvents.Add(frame, visit, events.StartFailed, extra: StateExecutor.ErrorDetails(refused));
            throw refused;
        }
        catch (StatesErrorException caught) when (caught is not StateFieldException)
        {
            var error = frame.Scope is null ? caught : Durability.StorableData.Storable(caught);
            history.Add(
                error.Error == StatesErrorNames.Timeout ? events.TimedOut : events.Failed,
                extra: StateExecutor.ErrorDetails(error),
                journal: TaskCheckpoints.Outcome(frame, visit));
            TaskCheckpoints.AfterOutcome(frame);
            await CheckpointOutcomeAsync(run, pending).ConfigureAwait(false);
            if (ReferenceEquals(error, caught))
            {
                throw;
            }

            throw error;
        }
        finally
        {
            if (pending is not null)
            {
                engine.Tokens.TryClose(pending);
                pending.Checkpointed.TrySetResult();
            }
        }
    }

    private static async Task<JsonValue> SubmitThenWaitAsync(
        RunContext run,
        TaskState state,
        JsonValue payload,
        Frame frame,
        StateVisit visit,
        PendingTask pending,
        HistoryRecorder history,
        CancellationToken cancellationToken)
    {
        var invocation = new TaskInvocation(
            state.Resource, state.Name, payload, visit.RetryCount, visit.GetContextObject(), run.ExecutionArn, pending.Token, IntegrationPattern.WaitForTaskToken)
        {
            Attempt = TaskCheckpoints.Attempt(frame, visit),
        };
        if (run.Engine.TaskMocker is { } mocker && TaskMocking.TryAnswer(run, mocker, invocation, out var mocked))
        {
            // Step Functions Local: the token is generated and the mocked response is the callback's answer (a mocked
            // error fails the task the same way); nothing is submitted. The token closes when the attempt ends.
            return mocked;
        }

        var submitted = await TaskDispatcher.InvokeAsync(run, invocation, state.BaseResource, run.TimeProvider.GetUtcNow().UtcTicks, cancellationToken).ConfigureAwait(false);
        if (frame.Scope is not null)
        {
            Durability.StorableData.ThrowIfUnstorable(submitted, state.Resource);
        }

        if (!pending.IsClosed || pending.Completion.Task.IsCompleted)
        {
            VisitEvents.Add(frame, visit, HistoryEventTypes.TaskSubmitted, data: submitted);
        }

        return await pending.Completion.Task.ConfigureAwait(false);
    }

    /// <summary>Waits for <paramref name="work"/>, or fails the attempt at the first limit that passes.</summary>
    private static async Task<JsonValue> WaitAsync(
        Task<JsonValue> work,
        PendingTask? pending,
        RunContext run,
        DateTimeOffset start,
        TimeSpan? timeout,
        TimeSpan? heartbeat,
        CancellationTokenSource attempt,
        CancellationToken cancellationToken)
    {
        var clock = run.TimeProvider;
        var timeoutAt = timeout is { } t ? start + t : (DateTimeOffset?)null;
        while (true)
        {
            if (work.IsCompleted)
            {
                return await work.ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            var now = clock.GetUtcNow();
            var (due, limit) = NextLimit(timeoutAt, heartbeat, pending, run.TaskDeadline);
            if (limit != Limit.None && due <= now)
            {
                if (pending is not null && !run.Engine.Tokens.TryClose(pending))
                {
                    // An answer won the race with the limit: take the answer.
                    return await work.WaitAsync(cancellationToken).ConfigureAwait(false);
                }

                await attempt.CancelAsync().ConfigureAwait(false);
                Observe(work);
                throw limit switch
                {
                    Limit.Execution => new ExecutionTimedOutException(),
                    Limit.Heartbeat => new HeartbeatTimeoutException(),
                    _ => new StatesErrorException(StatesErrorNames.Timeout, null),
                };
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = limit == Limit.None
                ? Task.Delay(Timeout.InfiniteTimeSpan, wake.Token)
                : Task.Delay(Min(due - now, MaxTimerDelay), clock, wake.Token);
            if (pending is { StartedTask.IsCompleted: false })
            {
                // An activity still queued: wake when a worker takes it, to start its heartbeat clock.
                await Task.WhenAny(work, delay, pending.StartedTask).ConfigureAwait(false);
            }
            else
            {
                await Task.WhenAny(work, delay).ConfigureAwait(false);
            }

            await wake.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The earliest limit still ahead: the task's timeout and heartbeat win ties with the execution's deadline.</summary>
    private static (DateTimeOffset Due, Limit Limit) NextLimit(DateTimeOffset? timeoutAt, TimeSpan? heartbeat, PendingTask? pending, DateTimeOffset? deadline)
    {
        var due = DateTimeOffset.MaxValue;
        var limit = Limit.None;
        if (timeoutAt is { } t)
        {
            (due, limit) = (t, Limit.TaskTimeout);
        }

        if (heartbeat is { } h && pending?.LastHeartbeat is { } last && last + h < due)
        {
            (due, limit) = (last + h, Limit.Heartbeat);
        }

        if (deadline is { } d && d < due)
        {
            (due, limit) = (d, Limit.Execution);
        }

        return (due, limit);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Keeps an abandoned handler's late failure from surfacing as an unobserved task exception.</summary>
    internal static void Observe(Task work) =>
        work.ContinueWith(
            static t => _ = t.Exception,
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private static TimeSpan? ResolveHeartbeat(TaskState state, JsonValue input, StateVisit visit, Frame frame) =>
        StateExecutor.ResolveSeconds(state.HeartbeatSeconds, state.HeartbeatSecondsPath, AslFields.HeartbeatSecondsPath, input, visit, frame);

    private static JsonObject ScheduledDetails(TaskState state, RunContext run, TimeSpan? timeout, TimeSpan? heartbeat)
    {
        var builder = new JsonObjectBuilder().Set("resource", JsonValue.From(state.Resource));
        if (state.Pattern != IntegrationPattern.Activity)
        {
            builder.Set("region", JsonValue.From(run.Options.Region));
        }

        if (timeout is { } t)
        {
            builder.Set("timeoutInSeconds", JsonValue.From((long)t.TotalSeconds));
        }

        if (heartbeat is { } h)
        {
            builder.Set("heartbeatInSeconds", JsonValue.From((long)h.TotalSeconds));
        }

        return builder.Build();
    }

    /// <summary>The history event names of one kind of task: Task*, LambdaFunction* or Activity*.</summary>
    private sealed record EventNames(string Scheduled, string StartFailed, string Started, string Succeeded, string Failed, string TimedOut)
    {
        private static readonly EventNames Task = new(
            HistoryEventTypes.TaskScheduled, HistoryEventTypes.TaskStartFailed, HistoryEventTypes.TaskStarted,
            HistoryEventTypes.TaskSucceeded, HistoryEventTypes.TaskFailed, HistoryEventTypes.TaskTimedOut);

        private static readonly EventNames Lambda = new(
            HistoryEventTypes.LambdaFunctionScheduled, HistoryEventTypes.LambdaFunctionStartFailed, HistoryEventTypes.LambdaFunctionStarted,
            HistoryEventTypes.LambdaFunctionSucceeded, HistoryEventTypes.LambdaFunctionFailed, HistoryEventTypes.LambdaFunctionTimedOut);

        private static readonly EventNames Activity = new(
            HistoryEventTypes.ActivityScheduled, HistoryEventTypes.ActivityScheduleFailed, HistoryEventTypes.ActivityStarted,
            HistoryEventTypes.ActivitySucceeded, HistoryEventTypes.ActivityFailed, HistoryEventTypes.ActivityTimedOut);

        public static EventNames For(TaskState state) =>
            state.Pattern == IntegrationPattern.Activity ? Activity : state.IsLegacyLambda ? Lambda : Task;
    }
}
