using StepFlow.Json;

namespace StepFlow.Intrinsics;

/// <summary>
/// A string literal with an escape sequence the grammar does not allow. AWS accepts the definition and
/// fails when the call runs ("an open escape backslash ... will throw a runtime error"), so this node
/// defers the failure to evaluation.
/// </summary>
internal sealed class InvalidLiteralExpression : IntrinsicExpression
{
    private readonly string _detail;

    public InvalidLiteralExpression(string detail) => _detail = detail;

    public override JsonValue Evaluate(in IntrinsicContext context) => throw new IntrinsicEvaluationException(_detail);
}
