using StepFlow.Errors;
using StepFlow.Execution;
using StepFlow.Json;
using StepFlow.Jsonata;

namespace StepFlow.Definition;

/// <summary>
/// A compiled JSONata field value (Arguments, Output, Assign, Items, Seconds, ...): strings written
/// <c>{% expression %}</c> are expressions, at any depth of objects and arrays; everything else is literal.
/// Parts without an expression are one shared literal.
/// </summary>
internal sealed class JsonataTemplate
{
    internal JsonataTemplate(JsonValue source, JsonataNode root)
    {
        Source = source;
        Root = root;
    }

    /// <summary>The value as written.</summary>
    public JsonValue Source { get; }

    internal JsonataNode Root { get; }

    /// <summary>True when the whole value is one expression string.</summary>
    public bool IsExpression => Root is ExpressionJsonataNode;

    /// <summary>The expression text when the whole value is one expression.</summary>
    public string? ExpressionText => (Root as ExpressionJsonataNode)?.Expression.Text;

    /// <summary>Builds the value; throws <see cref="StateFieldException"/> (States.QueryEvaluationError) on failure.</summary>
    public JsonValue Evaluate(JsonataScope scope) => Root.Evaluate(scope);

    /// <summary>
    /// Evaluates a single-expression value without the undefined/function checks, so a field can report its
    /// own type error. Returns null for undefined; <paramref name="returnedFunction"/> flags a function result.
    /// </summary>
    public JsonValue? EvaluateRaw(JsonataScope scope, out bool returnedFunction)
    {
        returnedFunction = false;
        return Root is ExpressionJsonataNode node ? node.EvaluateRaw(scope, out returnedFunction) : Root.Evaluate(scope);
    }
}

/// <summary>A node of a compiled JSONata template.</summary>
internal abstract class JsonataNode
{
    public abstract JsonValue Evaluate(JsonataScope scope);
}

/// <summary>A literal part.</summary>
internal sealed class LiteralJsonataNode(JsonValue value) : JsonataNode
{
    public override JsonValue Evaluate(JsonataScope scope) => value;
}

/// <summary>One <c>{% %}</c> expression, with the field location AWS names in its errors (e.g. <c>Output/result</c>).</summary>
internal sealed class ExpressionJsonataNode(JsonataExpression expression, string location) : JsonataNode
{
    public JsonataExpression Expression { get; } = expression;

    public string Location { get; } = location;

    public override JsonValue Evaluate(JsonataScope scope)
    {
        var value = EvaluateRaw(scope, out var returnedFunction);
        if (returnedFunction)
        {
            throw Failure($"The JSONata expression '{Expression.Text}' specified for the field '{Location}' returned an unsupported result type.");
        }

        return value ?? throw Failure($"The JSONata expression '{Expression.Text}' specified for the field '{Location}' returned nothing (undefined).");
    }

    public JsonValue? EvaluateRaw(JsonataScope scope, out bool returnedFunction)
    {
        try
        {
            return Expression.Evaluate(null, scope, out returnedFunction, scope.CancellationToken);
        }
        catch (JsonataException e)
        {
            throw Failure($"The JSONata expression '{Expression.Text}' specified for the field '{Location}' threw an error during evaluation. {e.Code}: {e.Message}");
        }
    }

    public StateFieldException Failure(string cause) => QueryEvaluation.Failure(cause, Location);
}

/// <summary>An object with at least one expression member.</summary>
internal sealed class ObjectJsonataNode(string[] names, JsonataNode[] values) : JsonataNode
{
    public override JsonValue Evaluate(JsonataScope scope)
    {
        var members = new KeyValuePair<string, JsonValue>[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            members[i] = new KeyValuePair<string, JsonValue>(names[i], values[i].Evaluate(scope));
        }

        return JsonObject.TakeOwnership(members);
    }
}

/// <summary>An array with at least one expression item.</summary>
internal sealed class ArrayJsonataNode(JsonataNode[] items) : JsonataNode
{
    public override JsonValue Evaluate(JsonataScope scope)
    {
        var values = new JsonValue[items.Length];
        for (var i = 0; i < items.Length; i++)
        {
            values[i] = items[i].Evaluate(scope);
        }

        return JsonArray.TakeOwnership(values);
    }
}

/// <summary>Builds States.QueryEvaluationError failures.</summary>
internal static class QueryEvaluation
{
    public static StateFieldException Failure(string cause, string location) =>
        new(StatesErrorNames.QueryEvaluationError, cause, location) { EvaluationFailed = true };
}
