using StepFlow.Json;
using StepFlow.Paths;

namespace StepFlow.Intrinsics;

/// <summary>A path argument (<c>$.a</c>, <c>$$.Execution.Id</c>, <c>$var.field</c>); selecting nothing is an error.</summary>
internal sealed class PathExpression : IntrinsicExpression
{
    private readonly JsonPath _path;

    public PathExpression(JsonPath path) => _path = path;

    public override JsonValue Evaluate(in IntrinsicContext context)
    {
        var scope = context.Scope;
        if (_path.TryEvaluate(in scope, out var value))
        {
            return value;
        }

        // AWS: "The JsonPath argument for the field '$.nope' could not be found in the input '{"other":1}'".
        var document = _path.Root == PathRoot.Context ? scope.Context : scope.Input;
        throw new IntrinsicEvaluationException(
            $"The JsonPath argument for the field '{_path.Text}' could not be found in the input '{document.ToJsonString()}'");
    }
}
