using StepFlow.Definition;
using StepFlow.Parsing;

namespace StepFlow.StateMachines;

/// <summary>A state machine registered with an engine under a name, as CreateStateMachine makes one.</summary>
public sealed class RegisteredStateMachine
{
    internal RegisteredStateMachine(string name, string arn, StateMachine machine, StateMachineType type)
    {
        Name = name;
        Arn = arn;
        Machine = machine;
        Type = type;
    }

    /// <summary>The name (1–80 characters, AWS's naming rules).</summary>
    public string Name { get; }

    /// <summary><c>arn:&lt;partition&gt;:states:&lt;region&gt;:&lt;account&gt;:stateMachine:&lt;name&gt;</c>.</summary>
    public string Arn { get; }

    /// <summary>The parsed definition.</summary>
    public StateMachine Machine { get; }

    /// <summary>Standard or Express.</summary>
    public StateMachineType Type { get; }
}
