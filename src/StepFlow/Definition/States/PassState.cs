using StepFlow.Json;

namespace StepFlow.Definition.States;

/// <summary>Passes its input on, optionally replaced by a fixed Result or a Parameters payload.</summary>
internal sealed class PassState : State
{
    internal PassState(StateCommon common, JsonValue? result, PayloadTemplate? parameters, ResultPathSpec resultPath)
        : base(common)
    {
        Result = result;
        Parameters = parameters;
        ResultPath = resultPath;
    }

    /// <inheritdoc />
    public override StateType Type => StateType.Pass;

    /// <summary>The fixed Result, if any.</summary>
    public JsonValue? Result { get; }

    /// <summary>Parameters, if any.</summary>
    public PayloadTemplate? Parameters { get; }

    /// <summary>ResultPath.</summary>
    public ResultPathSpec ResultPath { get; }
}
