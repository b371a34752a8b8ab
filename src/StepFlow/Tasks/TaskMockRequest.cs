namespace StepFlow.Tasks;

/// <summary>What a <see cref="ITaskMocker"/> is asked about: the invocation, the state's attempt number and the state machine.</summary>
public sealed class TaskMockRequest
{
    internal TaskMockRequest(TaskInvocation invocation, int attempt, string stateMachineName)
    {
        Invocation = invocation;
        Attempt = attempt;
        StateMachineName = stateMachineName;
    }

    /// <summary>The invocation a handler would get: Resource, state name, input (after Parameters), retry count, token.</summary>
    public TaskInvocation Invocation { get; }

    /// <summary>The state's name (<see cref="TaskInvocation.StateName"/>).</summary>
    public string StateName => Invocation.StateName;

    /// <summary>The Task's Resource as written (<see cref="TaskInvocation.Resource"/>).</summary>
    public string Resource => Invocation.Resource;

    /// <summary>
    /// 0 for the state's first invocation in this execution, then 1, 2, …: every invocation of the state counts (retries,
    /// later visits, Map iterations), as the attempt keys of a Step Functions Local mock file do.
    /// </summary>
    public int Attempt { get; }

    /// <summary>The name of the state machine the execution runs (<c>$$.StateMachine.Name</c>).</summary>
    public string StateMachineName { get; }
}
