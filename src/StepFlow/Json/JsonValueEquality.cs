namespace StepFlow.Json;

/// <summary>Deep equality and hashing of JSON values (numbers by value, object members regardless of order).</summary>
internal static class JsonValueEquality
{
    public static bool DeepEquals(JsonValue? left, JsonValue? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is null || right is null || left.Kind != right.Kind)
        {
            return false;
        }

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

    public static int GetDeepHashCode(JsonValue value)
    {
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
                    hash.Add(GetDeepHashCode(item));
                }

                return hash.ToHashCode();
            case JsonObject o:
                var sum = 17;
                foreach (var member in o.Members)
                {
                    sum += HashCode.Combine(StringComparer.Ordinal.GetHashCode(member.Key), GetDeepHashCode(member.Value));
                }

                return sum;
            default:
                return 0;
        }
    }
}
