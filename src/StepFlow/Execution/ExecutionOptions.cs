using StepFlow.Parsing;

namespace StepFlow.Execution;

/// <summary>Per-execution settings: names that appear in the context object and ARNs, and what to record.</summary>
public sealed record ExecutionOptions
{
    /// <summary>The defaults.</summary>
    public static ExecutionOptions Default { get; } = new();

    /// <summary>The execution name; a new GUID when null.</summary>
    public string? ExecutionName { get; init; }

    /// <summary>The state machine name used in ARNs and <c>$$.StateMachine.Name</c>.</summary>
    public string StateMachineName { get; init; } = "StateMachine";

    /// <summary>The AWS account id used in ARNs.</summary>
    public string AccountId { get; init; } = "123456789012";

    /// <summary>The AWS region used in ARNs.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The AWS partition used in ARNs.</summary>
    public string Partition { get; init; } = "aws";

    /// <summary>The role ARN shown in <c>$$.Execution.RoleArn</c>.</summary>
    public string? RoleArn { get; init; }

    /// <summary>Whether to record the execution history (AWS-shaped events). On by default.</summary>
    public bool RecordHistory { get; init; } = true;

    /// <summary>
    /// The Task resources this execution may use: exact ARNs, or globs where <c>*</c> matches any run of characters,
    /// matched against the Resource as written (suffix included). A Task whose resource is not listed fails with
    /// <c>States.Permissions</c> before any handler runs. Null (the default) allows every resource; the engine-wide
    /// list (<see cref="StepFlowEngineBuilder.AllowTaskResources(string[])"/>) applies as well.
    /// </summary>
    public IReadOnlyCollection<string>? AllowedResources { get; init; }

    /// <summary>
    /// The longest the execution may run before it times out with <c>States.Timeout</c>, on top of the machine's own
    /// <c>TimeoutSeconds</c> (the shorter wins); like <c>TimeoutSeconds</c>, it also cuts short a task still pending.
    /// Null (the default) leaves the engine's <see cref="EngineOptions.MaxExecutionDuration"/> (AWS: one year) as the only
    /// limit besides <c>TimeoutSeconds</c>.
    /// </summary>
    public TimeSpan? MaxDuration { get; init; }

    /// <summary>Whether the execution API runs this as an Express execution (no history event limit, five minutes at most).</summary>
    internal bool Express { get; init; }

    /// <summary>The execution's ARN when the execution API chose it (Express ARNs differ in shape); null builds it from the names.</summary>
    internal string? ExecutionArn { get; init; }
}
