namespace StepFlow.Definition.States;

/// <summary>Ends its graph with an error and a cause.</summary>
internal sealed class FailState : State
{
    internal FailState(StateCommon common, string? error, DynamicValue? errorPath, string? cause, DynamicValue? causePath)
        : base(common)
    {
        Error = error;
        ErrorPath = errorPath;
        Cause = cause;
        CausePath = causePath;
    }

    /// <inheritdoc />
    public override StateType Type => StateType.Fail;

    /// <summary>The literal Error, if any.</summary>
    public string? Error { get; }

    /// <summary>ErrorPath (a path or intrinsic), if any.</summary>
    public DynamicValue? ErrorPath { get; }

    /// <summary>The literal Cause, if any.</summary>
    public string? Cause { get; }

    /// <summary>CausePath (a path or intrinsic), if any.</summary>
    public DynamicValue? CausePath { get; }
}
