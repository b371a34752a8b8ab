using System.Collections.Immutable;
using StepFlow.Definition.Choice;

namespace StepFlow.Definition.States;

/// <summary>Goes to the Next of the first rule that holds, or to Default.</summary>
internal sealed class ChoiceState : State
{
    internal ChoiceState(StateCommon common, ImmutableArray<ChoiceRule> choices, string? defaultName)
        : base(common)
    {
        Choices = choices;
        DefaultName = defaultName;
    }

    /// <inheritdoc />
    public override StateType Type => StateType.Choice;

    /// <summary>The rules in order.</summary>
    public ImmutableArray<ChoiceRule> Choices { get; }

    /// <summary>The Default state's name, if any.</summary>
    public string? DefaultName { get; }

    /// <summary>The Default state, resolved when the graph is built.</summary>
    public State? Default { get; internal set; }
}
