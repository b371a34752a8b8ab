using System.Globalization;
using StepFlow.Json;

namespace StepFlow.Service.TestState;

/// <summary>
/// Field validation of a mocked Task result (AWS's <c>fieldValidationMode</c>): STRICT checks the type and bounds of
/// every field it knows and that the API's required fields are present; PRESENT checks only the fields present; NONE
/// checks nothing. Fields the API does not have are accepted in every mode.
/// </summary>
internal static class MockResultValidator
{
    public static void Validate(string resource, JsonValue result, TestStateFieldValidationMode mode)
    {
        if (mode == TestStateFieldValidationMode.None || MockResultShapes.Find(resource) is not { } shape)
        {
            return;
        }

        if (Check(shape, result, "result", mode == TestStateFieldValidationMode.Strict, depth: 0) is { } problem)
        {
            throw TestStateErrors.Validation(TestStateErrors.MockSchema(problem));
        }
    }

    private static string? Check(MockResultShape shape, JsonValue value, string field, bool strict, int depth)
    {
        if (depth > JsonValue.MaxDepth)
        {
            return $"Field '{field}' is nested too deeply";
        }

        switch (shape)
        {
            case AnyShape:
                return null;
            case StringShape text:
                if (value is not JsonString s)
                {
                    return $"Field '{field}' must be a string";
                }

                if (text.MinLength is { } min && s.Value.Length < min)
                {
                    return $"Field '{field}' is smaller than the minimum length";
                }

                if (text.MaxLength is { } max && s.Value.Length > max)
                {
                    return $"Field '{field}' exceeds the maximum length";
                }

                return text.Values is { } values && !values.Contains(s.Value) ? $"Field '{field}' is not an expected value" : null;
            case TimestampShape:
                return value is JsonString or JsonNumber ? null : $"Field '{field}' must be a string";
            case BooleanShape:
                return value is JsonBool ? null : $"Field '{field}' must be a boolean";
            case NumberShape number:
                return CheckNumber(number, value, field);
            case ListShape list:
                if (value is not JsonArray items)
                {
                    return $"Field '{field}' must be an array";
                }

                foreach (var item in items)
                {
                    if (Check(list.Item, item, field, strict, depth + 1) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case MapShape map:
                if (value is not JsonObject entries)
                {
                    return $"Field '{field}' must be an object";
                }

                foreach (var entry in entries.Members)
                {
                    if (Check(map.Value, entry.Value, entry.Key, strict, depth + 1) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            case StructureShape structure:
                if (value is not JsonObject members)
                {
                    return $"Field '{field}' must be an object";
                }

                if (strict)
                {
                    foreach (var required in structure.Required)
                    {
                        if (!members.ContainsKey(required))
                        {
                            return $"Required field '{required}' is missing";
                        }
                    }
                }

                foreach (var member in members.Members)
                {
                    if (structure.Members.TryGetValue(member.Key, out var memberShape) &&
                        Check(memberShape, member.Value, member.Key, strict, depth + 1) is { } problem)
                    {
                        return problem;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static string? CheckNumber(NumberShape shape, JsonValue value, string field)
    {
        if (value is not JsonNumber number)
        {
            return $"Field '{field}' must be a number";
        }

        if (shape.IsInteger && !number.TryGetInt64(out _))
        {
            return string.Create(CultureInfo.InvariantCulture, $"Field '{field}' must be an integer");
        }

        var actual = number.DoubleValue;
        if (shape.Min is { } min && actual < min)
        {
            return $"Field '{field}' is less than the minimum value";
        }

        return shape.Max is { } max && actual > max ? $"Field '{field}' exceeds the maximum value" : null;
    }
}
