namespace StepFlow.Intrinsics;

/// <summary>
/// Raised inside an evaluation with the detail of what went wrong; <see cref="IntrinsicFunctionCall"/>
/// turns it into a <see cref="Errors.StatesErrorException"/> that names the whole call, as AWS does.
/// </summary>
internal sealed class IntrinsicEvaluationException : Exception
{
    public IntrinsicEvaluationException(string detail)
        : base(detail)
    {
    }

    public IntrinsicEvaluationException()
    {
    }

    public IntrinsicEvaluationException(string detail, Exception innerException)
        : base(detail, innerException)
    {
    }
}
