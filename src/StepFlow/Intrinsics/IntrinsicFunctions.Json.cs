using StepFlow.Json;

namespace StepFlow.Intrinsics;

/// <summary>States.StringToJson, States.JsonToString and States.JsonMerge.</summary>
internal static partial class IntrinsicFunctions
{
    private static JsonValue StringToJson(CallExpression call, in IntrinsicContext context)
    {
        var text = RequireString(call, 0, in context);

        // AWS returns null for an empty or blank string (recorded: "" and " " both give null).
        if (string.IsNullOrWhiteSpace(text))
        {
            return JsonValue.Null;
        }

        try
        {
            return JsonValue.Parse(text);
        }
        catch (JsonParseException e)
        {
            throw new IntrinsicEvaluationException($"Invalid arguments in {call.Name}", e);
        }
    }

    private static JsonString JsonToString(CallExpression call, in IntrinsicContext context) =>
        new(call.Argument(0, in context).ToJsonString());

    private static JsonObject JsonMerge(CallExpression call, in IntrinsicContext context)
    {
        var left = call.Argument(0, in context) as JsonObject ?? throw call.InvalidArguments();
        var right = call.Argument(1, in context) as JsonObject ?? throw call.InvalidArguments();
        var deep = call.Argument(2, in context) as JsonBool ?? throw call.InvalidArguments();
        if (deep.Value)
        {
            // AWS supports only the shallow mode; true is rejected.
            throw call.InvalidArguments();
        }

        if (right.Count == 0)
        {
            return left;
        }

        if (left.Count == 0)
        {
            return right;
        }

        // Shallow merge: the second object's members replace the first's in place; new ones are appended.
        var builder = new JsonObjectBuilder(left.Count + right.Count);
        foreach (var member in left.Members)
        {
            builder.Set(member.Key, member.Value);
        }

        foreach (var member in right.Members)
        {
            builder.Set(member.Key, member.Value);
        }

        return builder.Build();
    }
}
