using System.Collections.Frozen;
using StepFlow.Definition;
using StepFlow.Json;

namespace StepFlow.Parsing.Validation;

/// <summary>Small typed checks of one field's value; each reports SCHEMA_VALIDATION_FAILED at the field.</summary>
internal static class ValueChecks
{
    /// <summary>The largest value AWS accepts for second counts (TimeoutSeconds, Seconds, IntervalSeconds...).</summary>
    public const long MaxSeconds = 99_999_999;

    /// <summary>True when the string is a JSONata expression: exactly <c>{%</c> ... <c>%}</c>, nothing around it.</summary>
    public static bool IsJsonata(string text) =>
        text.Length >= 4 && text.StartsWith("{%", StringComparison.Ordinal) && text.EndsWith("%}", StringComparison.Ordinal);

    /// <summary>True when the string looks like a JSONPath or Context path (<c>$</c>, <c>$.x</c>, <c>$$.x</c>, <c>$[0]</c>).</summary>
    public static bool LooksLikePath(string text)
    {
        if (text.Length == 0 || text[0] != '$')
        {
            return false;
        }

        var rest = text.AsSpan(text.Length > 1 && text[1] == '$' ? 2 : 1);
        return rest.IsEmpty || rest[0] == '.' || rest[0] == '[';
    }

    /// <summary>True when the string looks like an intrinsic function call <c>States.Name(...)</c>.</summary>
    public static bool LooksLikeIntrinsic(string text) =>
        text.StartsWith("States.", StringComparison.Ordinal) && text.IndexOf('(', StringComparison.Ordinal) > 7 &&
        text.EndsWith(')');

    /// <summary>A string field; reports a wrong type. Returns the string or null.</summary>
    public static string? String(ValidationContext ctx, JsonObject owner, string field, in PendingPointer ownerPointer, bool nonEmpty = false)
    {
        if (!owner.TryGetValue(field, out var value))
        {
            return null;
        }

        if (value is not JsonString text)
        {
            ctx.Schema($"The field '{field}' must be a string, not {value.KindName}.", ownerPointer.Append(field));
            return null;
        }

        if (nonEmpty && text.Value.Length == 0)
        {
            ctx.Schema($"The field '{field}' must not be empty.", ownerPointer.Append(field));
        }

        return text.Value;
    }

    /// <summary>A required string field.</summary>
    public static string? RequiredString(ValidationContext ctx, JsonObject owner, string field, in PendingPointer ownerPointer, string ownerDescription)
    {
        if (!owner.TryGetValue(field, out var value))
        {
            ctx.Schema($"{ownerDescription} is missing the required field '{field}'.", ownerPointer);
            return null;
        }

        if (value is not JsonString text)
        {
            ctx.Schema($"The field '{field}' must be a string, not {value.KindName}.", ownerPointer.Append(field));
            return null;
        }

        if (text.Value.Length == 0)
        {
            ctx.Schema($"The field '{field}' must not be empty.", ownerPointer.Append(field));
        }

        return text.Value;
    }

    /// <summary>A path field: a string starting with <c>$</c> (JSONPath, Context path or variable), or null when allowed.</summary>
    public static void Path(ValidationContext ctx, JsonObject owner, string field, in PendingPointer ownerPointer, bool allowNull, bool allowIntrinsic = false)
    {
        if (!owner.TryGetValue(field, out var value))
        {
            return;
        }

        switch (value)
        {
            case JsonNull when allowNull:
                return;
            case JsonString text when text.Value.StartsWith('$'):
                return;
            case JsonString text when allowIntrinsic && text.Value.StartsWith("States.", StringComparison.Ordinal):
                return;
            case JsonString text:
                // AWS's wording: InputPath/OutputPath hold any JSONPath, the other path fields a Reference Path.
                ctx.Schema(
                    field is AslFields.InputPath or AslFields.OutputPath
                        ? $"Value must be a valid JSONPath. '{Truncate(text.Value)}' does not start with '$'."
                        : $"Value is not a Reference Path: Reference path didn't start with '$' ('{Truncate(text.Value)}'{(allowIntrinsic ? " is not an intrinsic function call either" : string.Empty)}).",
                    ownerPointer.Append(field));
                return;
            default:
                ctx.Schema(
                    $"The field '{field}' must be a path string{(allowNull ? " or null" : string.Empty)}, not {value.KindName}.",
                    ownerPointer.Append(field));
                return;
        }
    }

    /// <summary>An integer field in [min, max]; in JSONata states a <c>{% %}</c> expression is also accepted.</summary>
    public static void Integer(ValidationContext ctx, JsonObject owner, string field, in PendingPointer ownerPointer, long min, long max, bool allowJsonata)
    {
        if (!owner.TryGetValue(field, out var value))
        {
            return;
        }

        if (allowJsonata && value is JsonString expression && IsJsonata(expression.Value))
        {
            return;
        }

        if (value is not JsonNumber number || !number.TryGetInt64(out var integer))
        {
            ctx.Schema(
                $"The field '{field}' must be an integer{(allowJsonata ? " or a JSONata expression" : string.Empty)}, not {Describe(value)}.",
                ownerPointer.Append(field));
            return;
        }

        if (integer < min || integer > max)
        {
            ctx.Schema($"The field '{field}' must be between {min} and {max}, not {integer}.", ownerPointer.Append(field));
        }
    }

    /// <summary>A number field in [min, max]; in JSONata states a <c>{% %}</c> expression is also accepted.</summary>
    public static void Number(ValidationContext ctx, JsonObject owner, string field, in PendingPointer ownerPointer, double min, double max, bool allowJsonata)
    {
        if (!owner.TryGetValue(field, out var value))
        {
            return;
        }

        if (allowJsonata && value is JsonString expression && IsJsonata(expression.Value))
        {
            return;
        }

        if (value is not JsonNumber number)
        {
            ctx.Schema(
                $"The field '{field}' must be a number{(allowJsonata ? " or a JSONata expression" : string.Empty)}, not {value.KindName}.",
                ownerPointer.Append(field));
            return;
        }

        if (number.DoubleValue < min || number.DoubleValue > max)
        {
            ctx.Schema($"The field '{field}' must be between {min} and {max}.", ownerPointer.Append(field));
        }
    }

    /// <summary>A boolean field.</summary>
    public static void Boolean(ValidationContext ctx, JsonObject owner, string field, in PendingPointer ownerPointer)
    {
        if (owner.TryGetValue(field, out var value) && value is not JsonBool)
        {
            ctx.Schema($"The field '{field}' must be a boolean, not {value.KindName}.", ownerPointer.Append(field));
        }
    }

    /// <summary>An object field; in JSONata states a <c>{% %}</c> expression is also accepted when allowed.</summary>
    public static JsonObject? Object(ValidationContext ctx, JsonObject owner, string field, in PendingPointer ownerPointer, bool allowJsonata = false)
    {
        if (!owner.TryGetValue(field, out var value))
        {
            return null;
        }

        if (value is JsonObject obj)
        {
            return obj;
        }

        if (!(allowJsonata && value is JsonString expression && IsJsonata(expression.Value)))
        {
            ctx.Schema(
                $"The field '{field}' must be an object{(allowJsonata ? " or a JSONata expression" : string.Empty)}, not {value.KindName}.",
                ownerPointer.Append(field));
        }

        return null;
    }

    /// <summary>A string field whose value must be one of a fixed set.</summary>
    public static void Enum(ValidationContext ctx, JsonObject owner, string field, in PendingPointer ownerPointer, FrozenSet<string> allowed)
    {
        var text = String(ctx, owner, field, ownerPointer);
        if (text is not null && !allowed.Contains(text))
        {
            ctx.Schema(
                $"The field '{field}' must be one of {string.Join(", ", allowed.Order(StringComparer.Ordinal))}, not '{Truncate(text)}'.",
                ownerPointer.Append(field));
        }
    }

    /// <summary>Reports when both fields are present; the location is the second one.</summary>
    public static void Exclusive(ValidationContext ctx, JsonObject owner, string first, string second, in PendingPointer ownerPointer)
    {
        if (owner.ContainsKey(first) && owner.ContainsKey(second))
        {
            ctx.Schema($"The fields '{first}' and '{second}' are mutually exclusive.", ownerPointer.Append(second));
        }
    }

    /// <summary>Reports members not in the allowed set.</summary>
    public static void OnlyFields(ValidationContext ctx, JsonObject owner, in PendingPointer ownerPointer, FrozenSet<string> allowed, string ownerDescription)
    {
        foreach (var member in owner.Members)
        {
            if (!allowed.Contains(member.Key))
            {
                ctx.Schema($"The field '{Truncate(member.Key)}' is not supported in {ownerDescription}.", ownerPointer.Append(member.Key));
            }
        }
    }

    public static string Describe(JsonValue value) =>
        value is JsonNumber ? "a non-integral number" : value.KindName;

    public static string Truncate(string text) => text.Length <= 100 ? text : string.Concat(text.AsSpan(0, 100), "...");

    public static FrozenSet<string> Set(params string[] values) => values.ToFrozenSet(StringComparer.Ordinal);
}
