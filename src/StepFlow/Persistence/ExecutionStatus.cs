namespace StepFlow.Persistence;

/// <summary>The status of an execution, as AWS names it.</summary>
public enum ExecutionStatus
{
    /// <summary>Still running.</summary>
    Running,

    /// <summary>Ended in success.</summary>
    Succeeded,

    /// <summary>Ended with an uncaught error.</summary>
    Failed,

    /// <summary>Exceeded the machine's TimeoutSeconds.</summary>
    TimedOut,

    /// <summary>Stopped from outside.</summary>
    Aborted,
}
