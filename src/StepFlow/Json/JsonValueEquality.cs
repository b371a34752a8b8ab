namespace StepFlow.Json;

/// <summary>
/// Deep equality and hashing of JSON values (numbers by value, object members regardless of order). Both work at any
/// depth: values nested deeper than <see cref="JsonValue.MaxWalkDepth"/> are compared with a stack of their own rather
/// than by recursion, and hashing looks at the first <see cref="HashedLevels"/> levels only (equal values agree there).
/// </summary>
internal static class JsonValueEquality
{
    /// <summary>How many levels of a value its hash code takes in.</summary>
    public const int HashedLevels = 64;

    public static bool DeepEquals(JsonValue? left, JsonValue? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is null || right is null || left.Kind != right.Kind || left.Depth != right.Depth)
        {
            return false;
        }

        return left.Depth > JsonValue.MaxWalkDepth ? DeepEqualsWithStack(left, right) : RecursiveEquals(left, right);
    }

    /// <summary>Equality by recursion; both values have the same kind and depth, at most <see cref="JsonValue.MaxWalkDepth"/>.</summary>
    private static bool RecursiveEquals(JsonValue left, JsonValue right)
    {

        switch (left)
        {
            case JsonString s:
                return string.Equals(s.Value, ((JsonString)right).Value, StringComparison.Ordinal);
            case JsonNumber n:
                return n.CompareTo((JsonNumber)right) == 0;
            case JsonBool b:
                return b.Value == ((JsonBool)right).Value;
            case JsonArray a:
                var other = (JsonArray)right;
                if (a.Count != other.Count)
                {
                    return false;
                }

                for (var i = 0; i < a.Count; i++)
                {
                    if (!DeepEquals(a[i], other[i]))
                    {
                        return false;
                    }
                }

                return true;
            case JsonObject o:
                var otherObject = (JsonObject)right;
                if (o.Count != otherObject.Count)
                {
                    return false;
                }

                foreach (var member in o.Members)
                {
                    if (!otherObject.TryGetValue(member.Key, out var value) || !DeepEquals(member.Value, value))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return true;
        }
    }

    /// <summary>Equality of two values of any depth, walking them with a stack of pairs rather than by recursion.</summary>
    private static bool DeepEqualsWithStack(JsonValue left, JsonValue right)
    {
        var pending = new Stack<(JsonValue Left, JsonValue Right)>();
        pending.Push((left, right));
        while (pending.TryPop(out var pair))
        {
            var (a, b) = pair;
            if (ReferenceEquals(a, b))
            {
                continue;
            }

            if (a.Kind != b.Kind || a.Depth != b.Depth)
            {
                return false;
            }

            switch (a)
            {
                case JsonArray array:
                    var otherArray = (JsonArray)b;
                    if (array.Count != otherArray.Count)
                    {
                        return false;
                    }

                    for (var i = 0; i < array.Count; i++)
                    {
                        pending.Push((array[i], otherArray[i]));
                    }

                    break;
                case JsonObject obj:
                    var otherObject = (JsonObject)b;
                    if (obj.Count != otherObject.Count)
                    {
                        return false;
                    }

                    foreach (var member in obj.Members)
                    {
                        if (!otherObject.TryGetValue(member.Key, out var value))
                        {
                            return false;
                        }

                        pending.Push((member.Value, value));
                    }

                    break;
                default:
                    if (!RecursiveEquals(a, b))
                    {
                        return false;
                    }

                    break;
            }
        }

        return true;
    }

    public static int GetDeepHashCode(JsonValue value) => GetDeepHashCode(value, HashedLevels);

    private static int GetDeepHashCode(JsonValue value, int levels)
    {
        if (levels == 0 && value is JsonArray or JsonObject)
        {
            // Deeper levels are left out; equal values still hash alike.
            return value is JsonArray deepArray ? deepArray.Count : ~((JsonObject)value).Count;
        }

        switch (value)
        {
            case JsonString s:
                return StringComparer.Ordinal.GetHashCode(s.Value);
            case JsonNumber n:
                return n.DoubleValue.GetHashCode();
            case JsonBool b:
                return b.Value ? 1 : 2;
            case JsonArray a:
                var hash = new HashCode();
                foreach (var item in a.Items)
                {
                    hash.Add(GetDeepHashCode(item, levels - 1));
                }

                return hash.ToHashCode();
            case JsonObject o:
                var sum = 17;
                foreach (var member in o.Members)
                {
                    sum += HashCode.Combine(StringComparer.Ordinal.GetHashCode(member.Key), GetDeepHashCode(member.Value, levels - 1));
                }

                return sum;
            default:
                return 0;
        }
    }
}
