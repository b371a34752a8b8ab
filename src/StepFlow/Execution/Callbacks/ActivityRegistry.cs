using System.Collections.Concurrent;
using System.Threading.Channels;
using StepFlow.History;
using StepFlow.Json;
using StepFlow.Tasks;

namespace StepFlow.Execution.Callbacks;

/// <summary>The engine's activities: one queue of scheduled tasks per activity ARN, polled by workers.</summary>
internal sealed class ActivityRegistry
{
    /// <summary>AWS: at most 1,000 concurrent GetActivityTask polls per activity.</summary>
    public const int MaxPollers = 1_000;

    private readonly ConcurrentDictionary<string, ActivityQueue> _queues = new(StringComparer.Ordinal);

    public ActivityRegistry(IEnumerable<string> activityArns)
    {
        foreach (var arn in activityArns)
        {
            Register(arn);
        }
    }

    public void Register(string activityArn)
    {
        ArgumentNullException.ThrowIfNull(activityArn);
        if (!IntegrationPatterns.IsActivityArn(activityArn))
        {
            throw new TaskApiException(TaskApiErrorCodes.InvalidArn, $"Invalid Arn: '{activityArn}' is not an activity ARN (arn:aws:states:<region>:<account>:activity:<name>).");
        }

        _queues.GetOrAdd(activityArn, static _ => new ActivityQueue());
    }

    public bool TryGet(string activityArn, out ActivityQueue queue) => _queues.TryGetValue(activityArn, out queue!);

    public ActivityQueue Get(string activityArn)
    {
        ArgumentNullException.ThrowIfNull(activityArn);
        return _queues.TryGetValue(activityArn, out var queue)
            ? queue
            : throw new TaskApiException(TaskApiErrorCodes.ActivityDoesNotExist, $"Activity Does Not Exist: '{activityArn}'.");
    }
}

/// <summary>The scheduled tasks of one activity.</summary>
internal sealed class ActivityQueue
{
    private readonly Channel<PendingTask> _channel = Channel.CreateUnbounded<PendingTask>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private int _pollers;

    public void Enqueue(PendingTask task) => _channel.Writer.TryWrite(task);

    /// <summary>
    /// Long-polls for a task until <paramref name="pollTimeout"/> passes on <paramref name="timeProvider"/>.
    /// Tasks whose execution already gave up on them are skipped.
    /// </summary>
    public async Task<ActivityTask> PollAsync(string? workerName, TimeSpan pollTimeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _pollers) > ActivityRegistry.MaxPollers)
        {
            Interlocked.Decrement(ref _pollers);
            throw new TaskApiException(TaskApiErrorCodes.ActivityWorkerLimitExceeded, $"More than {ActivityRegistry.MaxPollers} workers are polling this activity.");
        }

        try
        {
            using var timeout = new CancellationTokenSource(pollTimeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            while (true)
            {
                PendingTask task;
                try
                {
                    task = await _channel.Reader.ReadAsync(linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return ActivityTask.Empty;
                }

                var now = timeProvider.GetUtcNow().UtcTicks;
                if (!task.TryStart(now))
                {
                    continue;
                }

                var details = workerName is null ? null : JsonObject.Create(("workerName", JsonValue.From(workerName)));
                if (task.RecordStarted is { } record)
                {
                    record(details, now);
                }
                else
                {
                    task.History.Add(HistoryEventTypes.ActivityStarted, extra: details, utcTicks: now);
                }
                return ActivityTask.Create(task.Token, task.Input);
            }
        }
        finally
        {
            Interlocked.Decrement(ref _pollers);
        }
    }
}
