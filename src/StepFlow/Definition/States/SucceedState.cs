namespace StepFlow.Definition.States;

/// <summary>Ends its graph successfully.</summary>
internal sealed class SucceedState : State
{
    internal SucceedState(StateCommon common)
        : base(common)
    {
    }

    /// <inheritdoc />
    public override StateType Type => StateType.Succeed;
}
