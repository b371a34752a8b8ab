using StepFlow.Json;

namespace StepFlow.Tasks;

/// <summary>What a task handler is given: the resolved payload and where it runs.</summary>
public sealed class TaskInvocation
{
    internal TaskInvocation(
        string resource,
        string stateName,
        JsonValue input,
        int retryCount,
        JsonValue context,
        string executionArn,
        string? taskToken = null,
        IntegrationPattern pattern = IntegrationPattern.RequestResponse)
    {
        TaskToken = taskToken;
        Pattern = pattern;
        Resource = resource;
        StateName = stateName;
        Input = input;
        RetryCount = retryCount;
        Context = context;
        ExecutionArn = executionArn;
    }

    /// <summary>The Task state's <c>Resource</c>.</summary>
    public string Resource { get; }

    /// <summary>The Task state's name.</summary>
    public string StateName { get; }

    /// <summary>The payload after InputPath and Parameters.</summary>
    public JsonValue Input { get; }

    /// <summary>0 on the first attempt, then 1, 2, … on retries.</summary>
    public int RetryCount { get; }

    /// <summary>The context object (<c>$$</c>) at invocation.</summary>
    public JsonValue Context { get; }

    /// <summary>The execution's ARN.</summary>
    public string ExecutionArn { get; }

    /// <summary>
    /// The task token for a <c>.waitForTaskToken</c> resource (the same value as <c>$$.Task.Token</c>) or an activity
    /// task (the token its worker answers with), else null.
    /// Hand it to whoever will answer with <see cref="StepFlowEngine.SendTaskSuccessAsync(string, JsonValue, CancellationToken)"/>,
    /// <see cref="StepFlowEngine.SendTaskFailureAsync(string, string?, string?, CancellationToken)"/> or
    /// <see cref="StepFlowEngine.SendTaskHeartbeatAsync(string, CancellationToken)"/>.
    /// </summary>
    public string? TaskToken { get; }

    /// <summary>The integration pattern the Resource asks for.</summary>
    public IntegrationPattern Pattern { get; }

    /// <summary>
    /// A key that names this attempt: execution, state visit and retry attempt. A durable execution resumed after a crash
    /// may invoke a task that was in flight once more, with the same key: a handler with side effects can use it to make
    /// them idempotent. Null when the invocation does not come from a state machine run.
    /// </summary>
    public string? IdempotencyKey => _idempotencyKey ??= Attempt is { } attempt
        ? string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"{ExecutionArn}#{StateName}#{attempt.Scope}/{attempt.Visit}#{attempt.Generation}.{RetryCount}")
        : null;

    /// <summary>Where in its execution this attempt runs; null when the invocation does not come from a state machine run.</summary>
    internal TaskAttempt? Attempt { get; init; }

    private string? _idempotencyKey;

    /// <summary>
    /// For a built-in <c>.sync</c> integration: records the TaskSubmitted event with the start response, once the job
    /// has started and before the task waits for it to finish.
    /// </summary>
    internal Action<JsonValue>? Submitted { get; init; }

    /// <summary>
    /// This attempt, sent to another resource with another input (an integration that calls the handler of the resource
    /// it names): everything else, the idempotency key included, is the same.
    /// </summary>
    internal TaskInvocation ForResource(string resource, JsonValue input) =>
        new(resource, StateName, input, RetryCount, Context, ExecutionArn, TaskToken, Pattern) { Attempt = Attempt, Submitted = Submitted };
}
