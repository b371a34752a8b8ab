using StepFlow.Errors;
using StepFlow.Intrinsics;
using StepFlow.Json;
using StepFlow.Paths;

namespace StepFlow.Definition;

/// <summary>A value taken from a path or an intrinsic call (ErrorPath, CausePath).</summary>
internal sealed class DynamicValue
{
    private readonly JsonPath? _path;
    private readonly IntrinsicFunctionCall? _call;

    internal DynamicValue(string text, JsonPath? path, IntrinsicFunctionCall? call)
    {
        Text = text;
        _path = path;
        _call = call;
    }

    /// <summary>The source text.</summary>
    public string Text { get; }

    /// <summary>Evaluates it; throws States.Runtime naming <paramref name="fieldName"/> when a path is missing.</summary>
    public JsonValue Evaluate(in PathScope scope, string fieldName)
    {
        if (_call is not null)
        {
            return _call.Evaluate(scope);
        }

        if (_path!.TryEvaluate(scope, out var value))
        {
            return value;
        }

        throw new StatesErrorException(
            StatesErrorNames.Runtime,
            $"The JSONPath '{Text}' specified for the field '{fieldName}' could not be found in the input '{scope.Input.ToJsonString()}'");
    }
}
