using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Execution.Callbacks;
using StepFlow.Execution.Executor;
using StepFlow.Json;
using StepFlow.Service;
using StepFlow.Tasks;

namespace StepFlow;

/// <content>The callback and activity API (AWS's SendTaskSuccess, SendTaskFailure, SendTaskHeartbeat, GetActivityTask).</content>
public sealed partial class StepFlowEngine
{
    private const int MaxErrorLength = 256;
    private const int MaxCauseLength = 32_768;

    internal TaskTokenRegistry Tokens => Runtime.Tokens;

    internal ActivityRegistry Activities => Runtime.Activities;

    internal ResourceAllowList? AllowedResources => Runtime.AllowedResources;

    /// <summary>
    /// Completes the waiting task that issued <paramref name="taskToken"/> (a <c>.waitForTaskToken</c> callback or an
    /// activity task) with <paramref name="output"/> as its result. Thread-safe; a token is answered at most once.
    /// </summary>
    /// <exception cref="TaskApiException">
    /// <see cref="TaskApiErrorCodes.InvalidToken"/> for a token this engine did not issue,
    /// <see cref="TaskApiErrorCodes.TaskDoesNotExist"/> for an unknown one, <see cref="TaskApiErrorCodes.TaskTimedOut"/>
    /// once the task was answered, timed out or its execution ended, <see cref="TaskApiErrorCodes.InvalidOutput"/> when
    /// the output nests deeper than <see cref="JsonValue.MaxDepth"/>, holds a string with an unpaired surrogate, or is larger than
    /// <see cref="EngineOptions.MaxPayloadBytes"/> (256 KiB by default; the task then keeps waiting).
    /// </exception>
    public Task SendTaskSuccessAsync(string taskToken, JsonValue output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskToken);
        ArgumentNullException.ThrowIfNull(output);
        cancellationToken.ThrowIfCancellationRequested();
        if (JsonDataProblems.Find(output) is { } problem)
        {
            throw new TaskApiException(TaskApiErrorCodes.InvalidOutput, $"The output is not valid JSON data: {problem}.");
        }

        var limit = Options.MaxPayloadBytes;
        if (limit > 0 && output.Utf8Length > limit)
        {
            throw new TaskApiException(TaskApiErrorCodes.InvalidOutput, $"The output is {output.Utf8Length} bytes; the limit is {limit}.");
        }

        var task = Tokens.Take(taskToken);
        if (DurabilityFaults.CallbackAnswerAcknowledgedEarly > TimeSpan.Zero)
        {
            return DurabilityFaults.AnswerLate(() => task.Completion.TrySetResult(output), TimeProvider);
        }

        task.Completion.TrySetResult(output);
        return AcknowledgeAsync(task, cancellationToken);
    }

    /// <summary>
    /// Like <see cref="SendTaskSuccessAsync(string, JsonValue, CancellationToken)"/> with the output as JSON text, as AWS's
    /// API takes it; text that is not JSON fails with <see cref="TaskApiErrorCodes.InvalidOutput"/>.
    /// </summary>
    public Task SendTaskSuccessAsync(string taskToken, string outputJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outputJson);
        JsonValue output;
        try
        {
            output = JsonValue.Parse(outputJson);
        }
        catch (JsonParseException e)
        {
            throw new TaskApiException(TaskApiErrorCodes.InvalidOutput, $"The output is not valid JSON: {e.Message}");
        }

        return SendTaskSuccessAsync(taskToken, output, cancellationToken);
    }

    /// <summary>
    /// Fails the waiting task that issued <paramref name="taskToken"/> with <paramref name="error"/> (≤ 256 characters; the
    /// name Retry and Catch match) and <paramref name="cause"/> (≤ 32,768 characters). A null error fails the task
    /// without a name (only <c>States.ALL</c> and <c>States.TaskFailed</c> match it). Thread-safe.
    /// </summary>
    /// <exception cref="TaskApiException">As for <see cref="SendTaskSuccessAsync(string, JsonValue, CancellationToken)"/>.</exception>
    /// <exception cref="ArgumentException">The error or cause is too long.</exception>
    public Task SendTaskFailureAsync(string taskToken, string? error, string? cause, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskToken);
        cancellationToken.ThrowIfCancellationRequested();
        if (error is { Length: > MaxErrorLength })
        {
            throw new ArgumentException($"The error is longer than {MaxErrorLength} characters.", nameof(error));
        }

        if (cause is { Length: > MaxCauseLength })
        {
            throw new ArgumentException($"The cause is longer than {MaxCauseLength} characters.", nameof(cause));
        }

        var task = Tokens.Take(taskToken);
        StatesErrorException failure = error is null ? new FailStateException(null, cause) : new StatesErrorException(error, cause);
        task.Completion.TrySetException(failure);
        return AcknowledgeAsync(task, cancellationToken);
    }

    /// <summary>A durable execution acknowledges an answer once it has committed it, so an acknowledged answer survives a crash.</summary>
    private static Task AcknowledgeAsync(PendingTask task, CancellationToken cancellationToken) =>
        task.AwaitsCheckpoint ? task.Checkpointed.Task.WaitAsync(cancellationToken) : Task.CompletedTask;

    /// <summary>
    /// Tells the waiting task that issued <paramref name="taskToken"/> that its work is still going: restarts its
    /// HeartbeatSeconds clock. Records no history event (as on AWS). Thread-safe.
    /// </summary>
    /// <exception cref="TaskApiException">As for <see cref="SendTaskSuccessAsync(string, JsonValue, CancellationToken)"/>.</exception>
    public Task SendTaskHeartbeatAsync(string taskToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskToken);
        cancellationToken.ThrowIfCancellationRequested();
        Tokens.Find(taskToken).Heartbeat(TimeProvider.GetUtcNow().UtcTicks);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Registers an activity at run time (AWS's CreateActivity; registering twice is harmless). See
    /// <see cref="StepFlowEngineBuilder.AddActivity(string)"/>.
    /// </summary>
    /// <exception cref="TaskApiException"><see cref="TaskApiErrorCodes.InvalidArn"/> when the ARN is not an activity ARN.</exception>
    public void RegisterActivity(string activityArn) => Activities.Register(activityArn);

    /// <summary>
    /// Long-polls for a task of the activity <paramref name="activityArn"/> (AWS's GetActivityTask): returns its token and
    /// input as soon as one is scheduled, or <see cref="ActivityTask.Empty"/> once <see cref="EngineOptions.ActivityPollTimeout"/>
    /// passes on the engine's clock. Answer with <see cref="SendTaskSuccessAsync(string, JsonValue, CancellationToken)"/>,
    /// <see cref="SendTaskFailureAsync(string, string?, string?, CancellationToken)"/> and
    /// <see cref="SendTaskHeartbeatAsync(string, CancellationToken)"/>. Each task goes to exactly one worker.
    /// </summary>
    /// <exception cref="TaskApiException">
    /// <see cref="TaskApiErrorCodes.ActivityDoesNotExist"/> for an unregistered activity,
    /// <see cref="TaskApiErrorCodes.ActivityWorkerLimitExceeded"/> past 1,000 concurrent polls.
    /// </exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<ActivityTask> GetActivityTaskAsync(string activityArn, string? workerName, CancellationToken cancellationToken = default)
    {
        var queue = Activities.Get(activityArn);
        var timeout = Options.ActivityPollTimeout < TimeSpan.Zero ? TimeSpan.Zero : Options.ActivityPollTimeout;
        return queue.PollAsync(workerName, timeout, TimeProvider, cancellationToken);
    }
}
