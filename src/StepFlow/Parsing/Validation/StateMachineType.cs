namespace StepFlow.Parsing;

/// <summary>The kind of state machine a definition is validated (and later run) as.</summary>
public enum StateMachineType
{
    /// <summary>A Standard workflow: durable, up to one year, supports activities, <c>.sync</c> and callbacks.</summary>
    Standard,

    /// <summary>An Express workflow: in memory, up to five minutes, no activities, <c>.sync</c> or <c>.waitForTaskToken</c>.</summary>
    Express,
}
