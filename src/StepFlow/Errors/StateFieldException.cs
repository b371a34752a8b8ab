using StepFlow.Errors;

namespace StepFlow.Errors;

/// <summary>
/// An error raised while the engine processed a state's fields (paths, templates, intrinsics); its
/// cause gets AWS's "An error occurred while executing the state ..." prefix once the state is known.
/// </summary>
internal sealed class StateFieldException(string error, string cause, string? field) : StatesErrorException(error, cause)
{
    public string? Field { get; } = field;

    public bool Prefixed { get; private init; }

    /// <summary>A JSONata evaluation failure (States.QueryEvaluationError): history gets an EvaluationFailed event.</summary>
    public bool EvaluationFailed { get; init; }

    /// <summary>True once the EvaluationFailed event was recorded.</summary>
    public bool Recorded { get; set; }

    public StateFieldException WithPrefix(string prefix) =>
        Prefixed ? this : new StateFieldException(Error, prefix + Cause, Field) { Prefixed = true, EvaluationFailed = EvaluationFailed, Recorded = Recorded };
}
