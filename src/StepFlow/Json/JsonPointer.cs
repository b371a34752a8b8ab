namespace StepFlow.Json;

/// <summary>Builds RFC 6901 JSON Pointers (<c>/States/My~1State/Next</c>).</summary>
public static class JsonPointer
{
    /// <summary>Appends one reference token, escaping <c>~</c> and <c>/</c>.</summary>
    public static string Append(string pointer, string token)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        ArgumentNullException.ThrowIfNull(token);
        return token.AsSpan().IndexOfAny('~', '/') < 0
            ? string.Concat(pointer, "/", token)
            : pointer + "/" + token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
    }

    /// <summary>Appends an array index.</summary>
    public static string Append(string pointer, int index) =>
        pointer + "/" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
