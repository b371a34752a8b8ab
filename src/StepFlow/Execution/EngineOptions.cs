namespace StepFlow.Execution;

/// <summary>Engine-wide limits. Defaults are AWS's.</summary>
public sealed record EngineOptions
{
    /// <summary>The largest state input, result or output in UTF-8 bytes (AWS: 262,144). 0 turns the check off.</summary>
    public int MaxPayloadBytes { get; init; } = 262_144;

    /// <summary>The most iterations an inline Map runs at once when its MaxConcurrency is 0 (unbounded).</summary>
    public int MaxMapConcurrency { get; init; } = 1_000;

    /// <summary>
    /// The most history events a Standard execution (and every <see cref="StepFlowEngine.ExecuteAsync"/> run) may have,
    /// counted whether or not the history is kept (AWS: 25,000). When the next event would be number
    /// <see cref="MaxHistoryEvents"/> and does not close the execution, the execution fails with <c>States.Runtime</c>
    /// ("The execution reached the maximum number of history events (25000).") and that failure is the last event.
    /// Express executions have no event limit, as on AWS.
    /// </summary>
    public int MaxHistoryEvents { get; init; } = 25_000;

    /// <summary>
    /// The longest a Standard execution (and every <see cref="StepFlowEngine.ExecuteAsync"/> run) may run before it times
    /// out with <c>States.Timeout</c> (AWS: one year). It is checked as each state is entered and bounds every Wait and
    /// retry back-off; a task still pending is bounded by its own <c>TimeoutSeconds</c> and by the machine's
    /// <c>TimeoutSeconds</c>, not by this limit (so a fake clock never skips a year while a task is under way). Null: no limit.
    /// </summary>
    public TimeSpan? MaxExecutionDuration { get; init; } = TimeSpan.FromDays(365);

    /// <summary>The longest an Express execution may run before it times out with <c>States.Timeout</c> (AWS: five minutes).</summary>
    public TimeSpan MaxExpressExecutionDuration { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a task handler may hold the execution's thread before the engine treats it as blocking: a call whose
    /// synchronous part takes longer (on the engine's clock) sends every later call of that handler to a thread of its own,
    /// as if it had been registered with <see cref="StepFlowEngineBuilder.AddBlockingTaskHandler(string, Func{Tasks.TaskInvocation, CancellationToken, Json.JsonValue})"/>.
    /// Default 50 ms. Null: never.
    /// </summary>
    public TimeSpan? BlockingHandlerThreshold { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// The most calls of blocking task handlers that run at once, each on a dedicated thread (default 256); more wait for
    /// a thread to come free, within their tasks' timeouts.
    /// </summary>
    public int MaxBlockingHandlerThreads { get; init; } = 256;

    /// <summary>How long <see cref="StepFlowEngine.GetActivityTaskAsync(string, string?, CancellationToken)"/> waits for work before it returns an empty task (AWS: 60 seconds).</summary>
    public TimeSpan ActivityPollTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The AWS partition in the ARNs of registered state machines and their executions.</summary>
    public string Partition { get; init; } = "aws";

    /// <summary>The AWS region in the ARNs of registered state machines and their executions.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The AWS account id in the ARNs of registered state machines and their executions.</summary>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>
    /// The most executions started through <see cref="StepFlowEngine.StartExecutionAsync"/> that may run at once; one more is
    /// refused with <c>ExecutionLimitExceeded</c> (AWS: 1,000,000 open executions per account and region).
    /// </summary>
    public int MaxOpenExecutions { get; init; } = 100_000;

    /// <summary>
    /// The processor time of its thread one JSONata evaluation in a state may use (default
    /// 1 second, AWS's budget); exceeding it fails the state with
    /// States.QueryEvaluationError (U1001).
    /// </summary>
    public TimeSpan JsonataTimeLimit { get; init; } = Jsonata.StepFunctionsJsonata.TimeLimit;

    /// <summary>
    /// The most string characters, array items and object members one JSONata evaluation in a state may create (default
    /// 10,000,000); exceeding it fails the state with
    /// States.QueryEvaluationError (U1001).
    /// </summary>
    public long JsonataSizeLimit { get; init; } = Jsonata.StepFunctionsJsonata.SizeLimit;

    /// <summary>How long a closed execution's record and history are kept (AWS: 90 days).</summary>
    public TimeSpan HistoryRetention { get; init; } = TimeSpan.FromDays(90);

    /// <summary>
    /// Whether telemetry may carry payloads: execution inputs, outputs and error causes in log records (events 1010–1012
    /// and 3002) and causes in span tags (<see cref="Diagnostics.StepFlowTags.Cause"/>). Off by default: payloads may hold
    /// personal data. Error names, state names and ARNs are always recorded.
    /// </summary>
    public bool TelemetryIncludesPayloads { get; init; }
}
