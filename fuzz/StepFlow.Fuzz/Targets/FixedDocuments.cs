using StepFlow.Json;
using StepFlow.Parsing;
using StepFlow.Paths;
using StepFlow.Variables;

namespace StepFlow.Fuzz.Targets;

/// <summary>
/// The documents the JSONPath, intrinsic and JSONata targets evaluate against: every kind of JSON value,
/// nesting, unicode, numbers near the edges, and names that need quoting.
/// </summary>
internal static class FixedDocuments
{
    /// <summary>The payload limit the engine puts on a state's output (256 KiB); larger results are not written out.</summary>
    public const int PayloadLimitBytes = 256 * 1024;

    /// <summary>The state input (<c>$</c>).</summary>
    public static JsonValue Input { get; } = JsonValue.Parse("""
        {
          "name": "Ada", "count": 3, "ratio": 0.25, "big": 9007199254740993, "tiny": -1e-300, "huge": 1.7976931348623157e308,
          "flag": true, "off": false, "nothing": null, "empty": "", "emptyObject": {}, "emptyArray": [],
          "numbers": [1, 2, 3, 4.5, -6, 0, 1e21],
          "strings": ["a", "b c", "é", "☺", "𝄞", "{}", "$.x", "States.Format('{}', $)"],
          "mixed": [1, "1", true, null, {"a": 1}, [1, [2, [3]]]],
          "items": [
            {"id": 1, "price": 8.95, "tags": ["x", "y"], "category": "reference", "author": {"name": "Nigel", "age": 40}},
            {"id": 2, "price": 12.99, "tags": [], "category": "fiction", "isbn": "0-553-21311-3"},
            {"id": 3, "price": 22.99, "category": "fiction", "author": {"name": "Tolkien"}}
          ],
          "nested": {"a": {"b": {"c": {"d": [0, {"e": "deep"}]}}}},
          "odd keys": {"a.b": 1, "$": 2, "@": 3, "'quoted'": 4, "[0]": 5, "": 6, "\\": 7, "☺": 8},
          "text": "line1\nline2\ttab \"quoted\" \\ back",
          "date": "2024-02-29T23:59:59.999Z",
          "json": "{\"a\":[1,2,{\"b\":null}]}",
          "base64": "SGVsbG8gd29ybGQ="
        }
        """);

    /// <summary>The context object (<c>$$</c>).</summary>
    public static JsonValue Context { get; } = JsonValue.Parse("""
        {
          "Execution": {"Id": "arn:aws:states:us-east-1:123456789012:execution:Machine:run", "Name": "run",
                        "StartTime": "2024-01-01T00:00:00.000Z", "Input": {"x": 1}, "RoleArn": "arn:aws:iam::123456789012:role/r", "RedriveCount": 0},
          "State": {"Name": "Step", "EnteredTime": "2024-01-01T00:00:00.100Z", "RetryCount": 0},
          "StateMachine": {"Id": "arn:aws:states:us-east-1:123456789012:stateMachine:Machine", "Name": "Machine"},
          "Task": {"Token": "token"},
          "Map": {"Item": {"Index": 2, "Value": {"id": 3}}}
        }
        """);

    /// <summary>The workflow variables (<c>$name</c>).</summary>
    public static VariableScope Variables { get; } = VariableScope.Empty.Assign(
    [
        new("x", JsonValue.From(42)),
        new("name", JsonValue.From("Ada")),
        new("list", JsonValue.Parse("""[3, 1, 2, [4, 5], {"k": "v"}]""")),
        new("obj", JsonValue.Parse("""{"a": {"b": [1, 2, 3]}, "s": "text"}""")),
    ]);

    /// <summary>The scope paths and intrinsics read.</summary>
    public static PathScope Scope => new(Input, Context, Variables);

    /// <summary>Does what the engine does with a state's output: measures it and, within the payload limit, writes it.</summary>
    public static void WriteOut(JsonValue? value)
    {
        if (value is not null && value.Utf8Length <= PayloadLimitBytes)
        {
            _ = value.ToJsonString();
        }
    }
}
