using StepFlow.Json;

namespace StepFlow.Intrinsics;

/// <summary>Dispatches a call to its function and holds the argument checks shared by all functions.</summary>
internal static partial class IntrinsicFunctions
{
    public static JsonValue Invoke(CallExpression call, in IntrinsicContext context) => call.Signature.Function switch
    {
        IntrinsicFunction.Format => Format(call, in context),
        IntrinsicFunction.StringToJson => StringToJson(call, in context),
        IntrinsicFunction.JsonToString => JsonToString(call, in context),
        IntrinsicFunction.Array => Array(call, in context),
        IntrinsicFunction.ArrayPartition => ArrayPartition(call, in context),
        IntrinsicFunction.ArrayContains => ArrayContains(call, in context),
        IntrinsicFunction.ArrayRange => ArrayRange(call, in context),
        IntrinsicFunction.ArrayGetItem => ArrayGetItem(call, in context),
        IntrinsicFunction.ArrayLength => ArrayLength(call, in context),
        IntrinsicFunction.ArrayUnique => ArrayUnique(call, in context),
        IntrinsicFunction.Base64Encode => Base64Encode(call, in context),
        IntrinsicFunction.Base64Decode => Base64Decode(call, in context),
        IntrinsicFunction.Hash => Hash(call, in context),
        IntrinsicFunction.JsonMerge => JsonMerge(call, in context),
        IntrinsicFunction.MathRandom => MathRandom(call, in context),
        IntrinsicFunction.MathAdd => MathAdd(call, in context),
        IntrinsicFunction.StringSplit => StringSplit(call, in context),
        IntrinsicFunction.UUID => Uuid(call, in context),
        _ => throw new InvalidOperationException($"Unhandled intrinsic function {call.Name}."),
    };

    private static JsonArray RequireArray(CallExpression call, int index, in IntrinsicContext context) =>
        call.Argument(index, in context) as JsonArray ?? throw call.InvalidArguments();

    private static string RequireString(CallExpression call, int index, in IntrinsicContext context) =>
        call.Argument(index, in context) is JsonString text ? text.Value : throw call.InvalidArguments();

    private static JsonNumber RequireNumber(CallExpression call, int index, in IntrinsicContext context) =>
        call.Argument(index, in context) as JsonNumber ?? throw call.InvalidArguments();

    /// <summary>
    /// Rounds a number to the nearest integer, halves up (toward positive infinity), as AWS does for
    /// MathAdd, ArrayPartition and ArrayRange: 1.5 → 2, -1.5 → -1, -0.5 → 0.
    /// </summary>
    private static long RoundHalfUp(CallExpression call, JsonNumber number)
    {
        if (number.IsInteger)
        {
            return number.IntegerValue;
        }

        var rounded = Math.Floor(number.DoubleValue + 0.5);
        return rounded is >= long.MinValue and < 9.2233720368547758E18 ? (long)rounded : throw call.InvalidArguments();
    }

    /// <summary>Reads an integral number (1 and 1.0 count, 1.5 does not).</summary>
    private static long RequireIntegral(CallExpression call, JsonNumber number) =>
        number.TryGetInt64(out var value) ? value : throw call.InvalidArguments();
}
