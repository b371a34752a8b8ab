using StepFlow.Definition;
using StepFlow.Definition.States;
using StepFlow.Errors;
using StepFlow.Execution.Dispatch;
using StepFlow.Execution.Journal;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Paths;
using StepFlow.Tasks;

namespace StepFlow.Execution.Executor;

/// <content>Task.</content>
internal static partial class StateExecutor
{
    private static ValueTask<(State? Next, JsonValue Output)> RunTaskAsync(TaskState state, JsonValue input, Frame frame, StateVisit visit, CancellationToken cancellationToken) =>
        RunWithRecoveryAsync(state, state.Retry, state.Catch, state.ResultPath, RunTaskAttempt, input, frame, visit, cancellationToken);

    /// <summary>One attempt: InputPath/Parameters (or Arguments), the invocation, ResultSelector.</summary>
    private static ValueTask<JsonValue> RunTaskAttempt(State taskState, JsonValue input, JsonataScope? scope, Frame frame, StateVisit visit, CancellationToken cancellationToken)
    {
        var state = (TaskState)taskState;
        JsonValue payload;
        TimeSpan? timeout;
        if (state.Jsonata is not { } jsonata)
        {
            var effective = ApplyInputPath(state.InputPath, input, visit, frame);
            TaskPatternRunner.BeginAttempt(state, effective, visit, frame);
            payload = state.Parameters is not null ? Evaluate(state.Parameters, effective, visit, frame) : effective;
            timeout = TaskTimeout(state, effective, visit, frame);
        }
        else
        {
            TaskPatternRunner.BeginAttempt(state, input, visit, frame);
            payload = jsonata.Arguments is { } arguments ? EvaluateJsonata(arguments, scope!, frame, visit) : input;
            timeout = JsonataTaskTimeout(state, jsonata, scope!, frame, visit);
        }

        CheckSize(frame.Run, state, payload);
        var invocation = InvokeTaskAsync(state, payload, frame, visit, timeout, cancellationToken);
        return invocation.IsCompletedSuccessfully
            ? new ValueTask<JsonValue>(SelectTaskResult(state, invocation.Result, frame, visit))
            : SelectTaskResultAsync(state, invocation, frame, visit);
    }

    private static async ValueTask<JsonValue> SelectTaskResultAsync(TaskState state, ValueTask<JsonValue> invocation, Frame frame, StateVisit visit) =>
        SelectTaskResult(state, await invocation.ConfigureAwait(false), frame, visit);

    private static JsonValue SelectTaskResult(TaskState state, JsonValue result, Frame frame, StateVisit visit)
    {
        CheckResultSize(frame.Run, state, result);
        return state.ResultSelector is not null ? Evaluate(state.ResultSelector, result, visit, frame) : result;
    }

    /// <summary>A task result over the limit names the resource (AWS: the function ARN, or the service for an integration).</summary>
    private static void CheckResultSize(RunContext run, TaskState state, JsonValue result)
    {
        var limit = run.MaxPayloadBytes;
        var tooDeep = result.Depth > JsonValue.MaxDepth;
        if (tooDeep || (limit > 0 && result.Utf8Length > limit))
        {
            const string integrationPrefix = "arn:aws:states:::";
            var label = state.Resource.StartsWith(integrationPrefix, StringComparison.Ordinal)
                ? state.Resource[integrationPrefix.Length..].Split(':', '.')[0]
                : state.Resource;
            CheckDepth(label, result);
            throw new StatesErrorException(
                StatesErrorNames.DataLimitExceeded,
                $"The state/task '{label}' returned a result with a size exceeding the maximum number of bytes service limit.");
        }
    }

    private static TimeSpan? TaskTimeout(TaskState state, JsonValue input, StateVisit visit, Frame frame) =>
        ResolveSeconds(state.TimeoutSeconds, state.TimeoutSecondsPath, AslFields.TimeoutSecondsPath, input, visit, frame);

    /// <summary>A Task's seconds field, given as a number or as a path to a positive integer in the input.</summary>
    internal static TimeSpan? ResolveSeconds(int? seconds, JsonPath? path, string pathField, JsonValue input, StateVisit visit, Frame frame)
    {
        if (seconds is { } fixedSeconds)
        {
            return TimeSpan.FromSeconds(fixedSeconds);
        }

        if (path is null)
        {
            return null;
        }

        if (!path.TryEvaluate(new PathScope(input, visit, frame.Variables), out var value) ||
            value is not JsonNumber number || !number.TryGetInt64(out var resolved) || resolved <= 0)
        {
            throw new StateFieldException(StatesErrorNames.Runtime, $"The {pathField} parameter does not reference a positive integer: {path.Text}", pathField);
        }

        return TimeSpan.FromSeconds(resolved);
    }

    private static ValueTask<JsonValue> InvokeTaskAsync(TaskState state, JsonValue payload, Frame frame, StateVisit visit, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (TaskCheckpoints.TryReplay(frame, visit, out var recorded))
        {
            return new ValueTask<JsonValue>(recorded);
        }

        return TaskTelemetry.IsOn(state, frame.Run)
            ? InvokeObservedTaskAsync(state, payload, frame, visit, timeout, cancellationToken)
            : InvokeTaskCoreAsync(state, payload, frame, visit, timeout, cancellationToken);
    }

    /// <summary>
    /// One attempt inside its span (the handler sees it as <see cref="System.Diagnostics.Activity.Current"/>, the HTTP Task
    /// sends it as <c>traceparent</c>, a nested execution becomes its child), with its metrics and failure log record.
    /// </summary>
    private static async ValueTask<JsonValue> InvokeObservedTaskAsync(
        TaskState state, JsonValue payload, Frame frame, StateVisit visit, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var run = frame.Run;
        var family = TaskTelemetry.Family(state);
        var measure = family.Enabled ? Diagnostics.TaskMeasure.Schedule(family, state.Resource, run.TimeProvider.GetUtcNow().UtcTicks) : null;
        if (measure is not null && state.Pattern != IntegrationPattern.Activity)
        {
            measure.Start(run.TimeProvider.GetUtcNow().UtcTicks);
        }

        visit.TaskMeasure = measure;
        using var span = TaskTelemetry.StartAttempt(state, run, visit);
        try
        {
            var result = await InvokeTaskCoreAsync(state, payload, frame, visit, timeout, cancellationToken).ConfigureAwait(false);
            measure?.Close(null, run.TimeProvider.GetUtcNow().UtcTicks);
            return result;
        }
        catch (StatesErrorException e) when (e is not StateFieldException)
        {
            measure?.Close(e.Error, run.TimeProvider.GetUtcNow().UtcTicks);
            TaskTelemetry.Failed(state, run, span, e);
            throw;
        }
        finally
        {
            visit.TaskMeasure = null;
        }
    }

    private static async ValueTask<JsonValue> InvokeTaskCoreAsync(TaskState state, JsonValue payload, Frame frame, StateVisit visit, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var run = frame.Run;
        if (TaskPatternRunner.Handles(state, run))
        {
            return await TaskPatternRunner.InvokeAsync(state, payload, frame, visit, timeout, cancellationToken).ConfigureAwait(false);
        }

        var history = frame.History;
        var lambda = state.IsLegacyLambda;
        var scheduledAt = run.TimeProvider.GetUtcNow().UtcTicks;
        VisitEvents.Add(
            frame, visit, lambda ? HistoryEventTypes.LambdaFunctionScheduled : HistoryEventTypes.TaskScheduled,
            data: payload, extra: ScheduledDetails(state, run, timeout), utcTicks: scheduledAt);
        VisitEvents.Add(frame, visit, lambda ? HistoryEventTypes.LambdaFunctionStarted : HistoryEventTypes.TaskStarted, utcTicks: scheduledAt);
        var completedAtOnce = false;
        try
        {
            var invocation = new TaskInvocation(state.Resource, state.Name, payload, visit.RetryCount, visit.GetContextObject(), run.ExecutionArn)
            {
                Attempt = TaskCheckpoints.Attempt(frame, visit),
            };
            var limited = timeout is not null || run.TaskDeadline is not null;

            // With a limit, the handler gets a token of its own that is cancelled when the limit passes, so it can stop.
            using var attempt = limited ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken) : null;
            ValueTask<JsonValue> pending;
            try
            {
                pending = TaskDispatcher.InvokeAsync(run, invocation, scheduledAt, attempt?.Token ?? cancellationToken);
            }
            catch (Exception e) when (limited)
            {
                // A handler that failed on this thread is still judged against the limits: a late failure is a timeout.
                pending = ValueTask.FromException<JsonValue>(e);
            }

            JsonValue result;
            var scheduled = new DateTimeOffset(scheduledAt, TimeSpan.Zero);
            if (pending.IsCompletedSuccessfully && !(limited && TaskTimeouts.IsPastLimit(run, scheduled, timeout)))
            {
                result = pending.Result;
                completedAtOnce = true;
            }
            else
            {
                // Without a limit the handler's own answer (or its cancellation) is awaited as it is, with no Task made.
                // With one, the limit counts from scheduling, so time a handler spent on this thread counts too.
                result = !limited
                    ? await pending.ConfigureAwait(false)
                    : await TaskTimeouts.AwaitAsync(pending.AsTask(), run, scheduled, timeout, attempt, cancellationToken).ConfigureAwait(false);
            }

            if (frame.Scope is not null)
            {
                // A durable execution's store must keep the result: one it cannot fails the attempt, before it is recorded.
                Durability.StorableData.ThrowIfUnstorable(result, state.Resource);
            }

            history.Add(
                lambda ? HistoryEventTypes.LambdaFunctionSucceeded : HistoryEventTypes.TaskSucceeded, data: result, utcTicks: completedAtOnce ? scheduledAt : 0,
                journal: TaskCheckpoints.Outcome(frame, visit));
            TaskCheckpoints.AfterOutcome(frame);
            return result;
        }
        catch (StatesErrorException caught) when (caught is not StateFieldException)
        {
            var error = frame.Scope is null ? caught : Durability.StorableData.Storable(caught);
            var timedOut = error.Error == StatesErrorNames.Timeout;
            var type = lambda
                ? (timedOut ? HistoryEventTypes.LambdaFunctionTimedOut : HistoryEventTypes.LambdaFunctionFailed)
                : (timedOut ? HistoryEventTypes.TaskTimedOut : HistoryEventTypes.TaskFailed);
            history.Add(type, extra: ErrorDetails(error), journal: TaskCheckpoints.Outcome(frame, visit));
            TaskCheckpoints.AfterOutcome(frame);
            if (ReferenceEquals(error, caught))
            {
                throw;
            }

            throw error;
        }
    }

    private static JsonObject ScheduledDetails(TaskState state, RunContext run, TimeSpan? timeout)
    {
        var builder = new JsonObjectBuilder()
            .Set("resource", JsonValue.From(state.Resource))
            .Set("region", JsonValue.From(run.Options.Region));
        if (timeout is { } t)
        {
            builder.Set("timeoutInSeconds", JsonValue.From((long)t.TotalSeconds));
        }

        return builder.Build();
    }

    /// <summary>The <c>error</c>/<c>cause</c> details of a failure event.</summary>
    internal static JsonObject ErrorDetails(StatesErrorException error)
    {
        var builder = new JsonObjectBuilder(2);
        if (error is not FailStateException { ErrorName: null })
        {
            builder.Set("error", JsonValue.From(error.Error));
        }

        if (error.Cause is not null)
        {
            builder.Set("cause", JsonValue.From(error.Cause));
        }

        return builder.Build();
    }
}
