using StepFlow.Errors;
using StepFlow.Intrinsics;
using StepFlow.Json;
using StepFlow.Paths;

namespace StepFlow.Definition;

/// <summary>A node of a compiled payload template.</summary>
internal abstract class TemplateNode
{
    public abstract JsonValue Evaluate(in PathScope scope);
}

/// <summary>A literal part, shared as is.</summary>
internal sealed class LiteralTemplateNode(JsonValue value) : TemplateNode
{
    public JsonValue Value { get; } = value;

    public override JsonValue Evaluate(in PathScope scope) => Value;
}

/// <summary>An object with at least one dynamic member.</summary>
internal sealed class ObjectTemplateNode(string[] names, TemplateNode[] values) : TemplateNode
{
    // What every evaluation shares: the names' lookup bits and the size of everything but the values,
    // so the object built is born knowing both (the payload-limit check then costs one addition per member).
    private readonly uint _nameBits = JsonObject.NameBits(names);
    private readonly long _fixedUtf8Length = JsonObject.FixedUtf8Length(names);

    public override JsonValue Evaluate(in PathScope scope)
    {
        var members = new KeyValuePair<string, JsonValue>[names.Length];
        var length = _fixedUtf8Length;
        for (var i = 0; i < names.Length; i++)
        {
            var value = values[i].Evaluate(scope);
            length = length < 0 || value.Utf8LengthOrUnknown is not (>= 0 and var size) ? -1 : length + size;
            members[i] = new KeyValuePair<string, JsonValue>(names[i], value);
        }

        return JsonObject.TakeOwnership(members, _nameBits, length);
    }
}

/// <summary>An array with at least one dynamic item.</summary>
internal sealed class ArrayTemplateNode(TemplateNode[] items) : TemplateNode
{
    public override JsonValue Evaluate(in PathScope scope)
    {
        var values = new JsonValue[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            values[i] = items[i].Evaluate(scope);
        }

        return JsonArray.TakeOwnership(values);
    }
}

/// <summary>A <c>"key.$": "$.path"</c> member.</summary>
internal sealed class PathTemplateNode(JsonPath path, string fieldName) : TemplateNode
{
    public override JsonValue Evaluate(in PathScope scope)
    {
        if (path.TryEvaluate(scope, out var value))
        {
            return value;
        }

        throw new StatesErrorException(
            StatesErrorNames.Runtime,
            $"The JSONPath '{path.Text}' specified for the field '{fieldName}' could not be found in the input '{PathSource(path, scope).ToJsonString()}'");
    }

    internal static JsonValue PathSource(JsonPath path, in PathScope scope) => path.Root switch
    {
        PathRoot.Context => scope.Context,
        PathRoot.Variable => scope.Variables.TryGet(path.VariableName!, out var variable) ? variable : JsonValue.Null,
        _ => scope.Input,
    };
}

/// <summary>A <c>"key.$": "States.Fn(...)"</c> member.</summary>
internal sealed class IntrinsicTemplateNode(IntrinsicFunctionCall call) : TemplateNode
{
    public override JsonValue Evaluate(in PathScope scope) => call.Evaluate(scope);
}
