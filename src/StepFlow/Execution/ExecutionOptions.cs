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
}
