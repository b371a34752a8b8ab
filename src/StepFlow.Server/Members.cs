using System.Globalization;
using System.Text.Json;

namespace StepFlow.Server;

/// <summary>
/// Reads the members of a request object with AWS's errors: a missing required member is a
/// <c>ValidationException</c> naming it, a member of the wrong JSON type a <c>SerializationException</c> naming it.
/// </summary>
internal readonly struct Members(JsonElement root)
{
    public string RequiredString(string name) =>
        String(name) ?? throw new ApiError(
            ApiErrorNames.ValidationException,
            $"1 validation error detected: Value null at '{name}' failed to satisfy constraint: Member must not be null");

    public string? String(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw WrongType(name, "a string", value);
    }

    public bool? Boolean(string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw WrongType(name, "a boolean", value),
        };
    }

    /// <summary>An integer member in <c>[min, max]</c>; out of range is AWS's ValidationException.</summary>
    public int? Integer(string name, int min, int max)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var number))
        {
            throw WrongType(name, "an integer", value);
        }

        if (number < min || number > max)
        {
            var bound = number < min ? $"greater than or equal to {min}" : $"less than or equal to {max}";
            throw new ApiError(
                ApiErrorNames.ValidationException,
                $"1 validation error detected: Value '{number.ToString(CultureInfo.InvariantCulture)}' at '{name}' failed to satisfy constraint: Member must have value {bound}");
        }

        return (int)number;
    }

    /// <summary>The raw member, when present and not null.</summary>
    public JsonElement? Element(string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static ApiError WrongType(string name, string expected, JsonElement value) => new(
        ApiErrorNames.SerializationException,
        $"The member '{name}' must be {expected}, not a JSON {value.ValueKind.ToString().ToLowerInvariant()}.");
}
