namespace StepFlow.Execution;

/// <summary>Engine-wide limits. Defaults are AWS's.</summary>
public sealed record EngineOptions
{
    /// <summary>The largest state input, result or output in UTF-8 bytes (AWS: 262,144). 0 turns the check off.</summary>
    public int MaxPayloadBytes { get; init; } = 262_144;

    /// <summary>The most iterations an inline Map runs at once when its MaxConcurrency is 0 (unbounded).</summary>
    public int MaxMapConcurrency { get; init; } = 1_000;

    /// <summary>The most history events one execution may record (AWS: 25,000 for Standard).</summary>
    public int MaxHistoryEvents { get; init; } = 25_000;

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
    /// <see cref="Jsonata.StepFunctionsJsonata.TimeLimit"/>, 1 second, AWS's budget); exceeding it fails the state with
    /// States.QueryEvaluationError (U1001).
    /// </summary>
    public TimeSpan JsonataTimeLimit { get; init; } = Jsonata.StepFunctionsJsonata.TimeLimit;

    /// <summary>
    /// The most string characters, array items and object members one JSONata evaluation in a state may create (default
    /// <see cref="Jsonata.StepFunctionsJsonata.SizeLimit"/>, 10,000,000); exceeding it fails the state with
    /// States.QueryEvaluationError (U1001).
    /// </summary>
    public long JsonataSizeLimit { get; init; } = Jsonata.StepFunctionsJsonata.SizeLimit;

    /// <summary>How long a closed execution's record and history are kept (AWS: 90 days).</summary>
    public TimeSpan HistoryRetention { get; init; } = TimeSpan.FromDays(90);
}
