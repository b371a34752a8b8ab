using StepFlow.Json;

namespace StepFlow.Intrinsics;

/// <summary>States.MathAdd, States.MathRandom and States.UUID.</summary>
internal static partial class IntrinsicFunctions
{
    private static JsonNumber MathAdd(CallExpression call, in IntrinsicContext context)
    {
        // Each argument is rounded on its own (recorded: MathAdd(1.5, 1.51) = 4) and must be an int32.
        var left = RoundHalfUp(call, RequireNumber(call, 0, in context));
        var right = RoundHalfUp(call, RequireNumber(call, 1, in context));
        if (left is < int.MinValue or > int.MaxValue || right is < int.MinValue or > int.MaxValue)
        {
            throw call.InvalidArguments();
        }

        var sum = left + right;
        return sum is >= int.MinValue and <= int.MaxValue ? JsonNumber.FromInteger(sum) : throw call.InvalidArguments();
    }

    private static JsonNumber MathRandom(CallExpression call, in IntrinsicContext context)
    {
        // Bounds are truncated toward zero, start inclusive and end exclusive.
        var start = Truncate(call, RequireNumber(call, 0, in context));
        var end = Truncate(call, RequireNumber(call, 1, in context));
        if (start >= end)
        {
            throw call.InvalidArguments();
        }

        if (call.ArgumentCount == 3)
        {
            var seed = Truncate(call, RequireNumber(call, 2, in context));
            var seeded = new Random(unchecked((int)seed ^ (int)(seed >> 32)));
            return JsonNumber.FromInteger(seeded.NextInt64(start, end));
        }

        return JsonNumber.FromInteger(context.Environment.NextInt64(start, end));
    }

    private static JsonString Uuid(CallExpression call, in IntrinsicContext context) =>
        new(context.Environment.NewUuid().ToString("D"));

    private static long Truncate(CallExpression call, JsonNumber number)
    {
        if (number.IsInteger)
        {
            return number.IntegerValue;
        }

        var truncated = Math.Truncate(number.DoubleValue);
        return truncated is >= long.MinValue and < 9.2233720368547758E18 ? (long)truncated : throw call.InvalidArguments();
    }
}
