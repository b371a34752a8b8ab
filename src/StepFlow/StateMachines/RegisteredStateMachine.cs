using StepFlow.Definition;
using StepFlow.Parsing;

namespace StepFlow.StateMachines;

/// <summary>
/// A state machine registered with an engine under a name, as CreateStateMachine makes one (on the builder, or at run
/// time with <see cref="StepFlowEngine.CreateStateMachineAsync"/>). Immutable: an update registers a new instance.
/// </summary>
public sealed class RegisteredStateMachine
{
    internal RegisteredStateMachine(string name, string arn, StateMachine machine, StateMachineType type, DateTimeOffset creationDate)
        : this(name, arn, machine, type, machine.Source.ToJsonString(), null, creationDate, null, null)
    {
    }

    internal RegisteredStateMachine(
        string name,
        string arn,
        StateMachine machine,
        StateMachineType type,
        string definition,
        string? roleArn,
        DateTimeOffset creationDate,
        DateTimeOffset? updateDate,
        string? revisionId)
    {
        Name = name;
        Arn = arn;
        Machine = machine;
        Type = type;
        Definition = definition;
        RoleArn = roleArn;
        CreationDate = creationDate;
        UpdateDate = updateDate;
        RevisionId = revisionId;
    }

    /// <summary>The name (1–80 characters, AWS's naming rules).</summary>
    public string Name { get; }

    /// <summary><c>arn:&lt;partition&gt;:states:&lt;region&gt;:&lt;account&gt;:stateMachine:&lt;name&gt;</c>.</summary>
    public string Arn { get; }

    /// <summary>The parsed definition.</summary>
    public StateMachine Machine { get; }

    /// <summary>Standard or Express.</summary>
    public StateMachineType Type { get; }

    /// <summary>
    /// The definition as given to CreateStateMachine or UpdateStateMachine (DescribeStateMachine returns it); the
    /// parsed definition's JSON for a machine added on the builder.
    /// </summary>
    public string Definition { get; }

    /// <summary>The role ARN given at creation or update; null for a machine added on the builder.</summary>
    public string? RoleArn { get; }

    /// <summary>When the machine was created (when the engine was built, for a machine added on the builder).</summary>
    public DateTimeOffset CreationDate { get; }

    /// <summary>When the machine was last updated; null before its first update.</summary>
    public DateTimeOffset? UpdateDate { get; }

    /// <summary>The revision the last update made (a UUID); null before its first update.</summary>
    public string? RevisionId { get; }
}
