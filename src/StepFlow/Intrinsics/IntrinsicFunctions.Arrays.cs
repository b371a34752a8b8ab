using StepFlow.Json;

namespace StepFlow.Intrinsics;

/// <summary>States.Array, ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength, ArrayUnique.</summary>
internal static partial class IntrinsicFunctions
{
    /// <summary>The largest array States.ArrayRange may produce (AWS developer guide).</summary>
    public const int MaxArrayRangeItems = 1000;

    private static JsonArray Array(CallExpression call, in IntrinsicContext context)
    {
        var count = call.ArgumentCount;
        if (count == 0)
        {
            return JsonArray.Empty;
        }

        var items = new JsonValue[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = call.Argument(i, in context);
        }

        return JsonArray.TakeOwnership(items);
    }

    private static JsonArray ArrayPartition(CallExpression call, in IntrinsicContext context)
    {
        var array = RequireArray(call, 0, in context);
        var size = RoundHalfUp(call, RequireNumber(call, 1, in context));
        if (size <= 0)
        {
            throw call.InvalidArguments();
        }

        var count = array.Count;
        if (count == 0)
        {
            return JsonArray.Empty;
        }

        if (size >= count)
        {
            return JsonArray.TakeOwnership([array]);
        }

        var chunkSize = (int)size;
        var chunks = new JsonValue[(count + chunkSize - 1) / chunkSize];
        var items = array.Items;
        for (var c = 0; c < chunks.Length; c++)
        {
            var start = c * chunkSize;
            chunks[c] = JsonArray.TakeOwnership(items.Slice(start, Math.Min(chunkSize, count - start)).ToArray());
        }

        return JsonArray.TakeOwnership(chunks);
    }

    private static JsonValue ArrayContains(CallExpression call, in IntrinsicContext context)
    {
        var array = RequireArray(call, 0, in context);
        var wanted = call.Argument(1, in context);
        foreach (var item in array.Items)
        {
            if (item.Equals(wanted))
            {
                return JsonValue.True;
            }
        }

        return JsonValue.False;
    }

    private static JsonArray ArrayRange(CallExpression call, in IntrinsicContext context)
    {
        var start = RoundHalfUp(call, RequireNumber(call, 0, in context));
        var end = RoundHalfUp(call, RequireNumber(call, 1, in context));
        var step = RoundHalfUp(call, RequireNumber(call, 2, in context));
        if (step == 0)
        {
            throw call.InvalidArguments();
        }

        // Count in 128-bit arithmetic so that extreme bounds cannot overflow before the limit check.
        Int128 span = (Int128)end - start;
        if (span != 0 && (span > 0) != (step > 0))
        {
            return JsonArray.Empty;
        }

        var count = (span / step) + 1;
        if (count > MaxArrayRangeItems)
        {
            throw call.InvalidArguments();
        }

        var items = new JsonValue[(int)count];
        var value = start;
        for (var i = 0; i < items.Length; i++, value += step)
        {
            items[i] = JsonNumber.FromInteger(value);
        }

        return JsonArray.TakeOwnership(items);
    }

    private static JsonValue ArrayGetItem(CallExpression call, in IntrinsicContext context)
    {
        var array = RequireArray(call, 0, in context);
        var index = RequireIntegral(call, RequireNumber(call, 1, in context));
        return index >= 0 && index < array.Count ? array[(int)index] : throw call.InvalidArguments();
    }

    private static JsonNumber ArrayLength(CallExpression call, in IntrinsicContext context) =>
        JsonNumber.FromInteger(RequireArray(call, 0, in context).Count);

    private static JsonArray ArrayUnique(CallExpression call, in IntrinsicContext context)
    {
        var array = RequireArray(call, 0, in context);
        if (array.Count < 2)
        {
            return array;
        }

        var seen = new HashSet<JsonValue>(array.Count);
        List<JsonValue>? kept = null;
        var items = array.Items;
        for (var i = 0; i < items.Length; i++)
        {
            if (seen.Add(items[i]))
            {
                kept?.Add(items[i]);
            }
            else if (kept is null)
            {
                // First duplicate: copy what was kept so far, then keep going.
                kept = new List<JsonValue>(items.Length);
                for (var j = 0; j < i; j++)
                {
                    kept.Add(items[j]);
                }
            }
        }

        return kept is null ? array : JsonArray.TakeOwnership(kept.ToArray());
    }
}
