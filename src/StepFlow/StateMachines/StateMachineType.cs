namespace StepFlow.StateMachines;

/// <summary>The kind of a state machine, fixed when it is registered (AWS: <c>type</c> of CreateStateMachine).</summary>
public enum StateMachineType
{
    /// <summary>Durable, exactly-once state transitions, history kept and queryable, up to a year (AWS's default).</summary>
    Standard,

    /// <summary>In memory, no stored history, at most 5 minutes; no activities, <c>.sync</c> or <c>.waitForTaskToken</c>.</summary>
    Express,
}
