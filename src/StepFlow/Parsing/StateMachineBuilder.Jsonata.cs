using StepFlow.Definition;
using StepFlow.Json;
using StepFlow.Jsonata;

namespace StepFlow.Parsing;

/// <content>Compiles the JSONata fields of JSONata states.</content>
internal sealed partial class StateMachineBuilder
{
    /// <summary>Expressions compiled so far in this definition, by text.</summary>
    private readonly Dictionary<string, JsonataExpression> _expressions = new(StringComparer.Ordinal);

    /// <summary>The query language of the state being built (restored when a nested state is done).</summary>
    private QueryLanguage _language;

    /// <summary>True for a string written <c>{% expression %}</c>: exactly those delimiters, nothing around them.</summary>
    internal static bool IsJsonataText(string text) =>
        text.Length >= 4 && text.StartsWith("{%", StringComparison.Ordinal) && text.EndsWith("%}", StringComparison.Ordinal);

    /// <summary>In a JSONata state, true when the field holds an expression (its literal form is then not parsed).</summary>
    private bool IsExpressionField(JsonObject obj, string name) =>
        _language == QueryLanguage.Jsonata && obj.TryGetValue(name, out var value) && value is JsonString text && IsJsonataText(text.Value);

    private JsonataStateFields BuildJsonataFields(JsonObject obj, in PendingPointer pointer) => new()
    {
        Arguments = CompileJsonata(obj, AslFields.Arguments, pointer),
        Output = CompileJsonata(obj, AslFields.Output, pointer),
        Assign = CompileJsonata(obj, AslFields.Assign, pointer),
        TimeoutSeconds = CompileJsonataExpression(obj, AslFields.TimeoutSeconds, pointer),
        HeartbeatSeconds = CompileJsonataExpression(obj, AslFields.HeartbeatSeconds, pointer),
        Seconds = CompileJsonataExpression(obj, AslFields.Seconds, pointer),
        Timestamp = CompileJsonataExpression(obj, AslFields.Timestamp, pointer),
        Error = CompileJsonataExpression(obj, AslFields.Error, pointer),
        Cause = CompileJsonataExpression(obj, AslFields.Cause, pointer),
        Items = CompileJsonata(obj, AslFields.Items, pointer),
        ItemSelector = CompileJsonata(obj, AslFields.ItemSelector, pointer),
        MaxConcurrency = CompileJsonataExpression(obj, AslFields.MaxConcurrency, pointer),
        ToleratedFailurePercentage = CompileJsonataExpression(obj, AslFields.ToleratedFailurePercentage, pointer),
        ToleratedFailureCount = CompileJsonataExpression(obj, AslFields.ToleratedFailureCount, pointer),
    };

    private JsonataOutputAssign BuildJsonataOutputAssign(JsonObject obj, in PendingPointer pointer) =>
        new(CompileJsonata(obj, AslFields.Output, pointer), CompileJsonata(obj, AslFields.Assign, pointer));

    /// <summary>Compiles a field only when it is an expression string.</summary>
    private JsonataTemplate? CompileJsonataExpression(JsonObject obj, string name, in PendingPointer pointer) =>
        IsExpressionField(obj, name) ? CompileJsonata(obj, name, pointer) : null;

    /// <summary>Compiles a field (any JSON value; expressions at any depth), or null when it is absent.</summary>
    private JsonataTemplate? CompileJsonata(JsonObject obj, string name, in PendingPointer pointer)
    {
        if (!obj.TryGetValue(name, out var value))
        {
            return null;
        }

        return new JsonataTemplate(value, CompileJsonataNode(value, name, pointer.Append(name), 0));
    }

    private JsonataNode CompileJsonataNode(JsonValue value, string location, in PendingPointer pointer, int depth)
    {
        if (depth > MaxTemplateDepth)
        {
            Error(DiagnosticCodes.SchemaValidationFailed, "The value is nested too deeply.", pointer);
            return new LiteralJsonataNode(value);
        }

        switch (value)
        {
            case JsonString text when IsJsonataText(text.Value):
                return CompileExpression(text.Value, location, pointer) is { } expression
                    ? new ExpressionJsonataNode(expression, location)
                    : new LiteralJsonataNode(JsonValue.Null);
            case JsonObject obj:
                var names = new string[obj.Count];
                var nodes = new JsonataNode[obj.Count];
                var dynamic = false;
                for (var i = 0; i < obj.Count; i++)
                {
                    var member = obj[i];
                    names[i] = member.Key;
                    nodes[i] = member.Value is JsonObject or JsonArray or JsonString
                        ? CompileJsonataNode(member.Value, location + "/" + member.Key, pointer.Append(member.Key), depth + 1)
                        : new LiteralJsonataNode(member.Value);
                    dynamic |= nodes[i] is not LiteralJsonataNode;
                }

                return dynamic ? new ObjectJsonataNode(names, nodes) : new LiteralJsonataNode(value);
            case JsonArray array:
                var items = new JsonataNode[array.Count];
                var anyDynamic = false;
                for (var i = 0; i < array.Count; i++)
                {
                    items[i] = array[i] is JsonObject or JsonArray or JsonString
                        ? CompileJsonataNode(array[i], location + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), pointer.Append(i), depth + 1)
                        : new LiteralJsonataNode(array[i]);
                    anyDynamic |= items[i] is not LiteralJsonataNode;
                }

                return anyDynamic ? new ArrayJsonataNode(items) : new LiteralJsonataNode(value);
            default:
                return new LiteralJsonataNode(value);
        }
    }

    private JsonataExpression? CompileExpression(string text, string location, in PendingPointer pointer)
    {
        var body = text[2..^2].Trim();
        if (_expressions.TryGetValue(body, out var expression))
        {
            return expression;
        }

        if (JsonataExpression.TryCompile(body, out expression, out var error, StepFunctionsJsonata.Options))
        {
            _expressions.Add(body, expression);
            return expression;
        }

        Error(
            DiagnosticCodes.SchemaValidationFailed,
            $"The JSONata expression '{Quoted(body)}' specified for the field '{location}' is invalid: {error!.Code}: {error.Message}",
            pointer);
        return null;
    }

    /// <summary>The expression as a message quotes it: whole up to 1,000 characters (a hostile one may be a megabyte).</summary>
    private static string Quoted(string body) => body.Length <= 1000 ? body : string.Concat(body.AsSpan(0, 1000), "...");
}
