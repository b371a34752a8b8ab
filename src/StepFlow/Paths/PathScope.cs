using StepFlow.Json;
using StepFlow.Variables;

namespace StepFlow.Paths;

/// <summary>
/// What a path can read: the state's input (<c>$</c>), the context object (<c>$$</c>) and the
/// workflow variables (<c>$name</c>).
/// </summary>
public readonly struct PathScope
{
    /// <summary>Creates a scope.</summary>
    public PathScope(JsonValue input, JsonValue context, VariableScope? variables = null)
    {
        Input = input;
        Context = context;
        Variables = variables ?? VariableScope.Empty;
    }

    /// <summary>The document <c>$</c> selects from.</summary>
    public JsonValue Input { get; }

    /// <summary>The context object <c>$$</c> selects from.</summary>
    public JsonValue Context { get; }

    /// <summary>The workflow variables <c>$name</c> selects from.</summary>
    public VariableScope Variables { get; }

    /// <summary>The same scope with another input.</summary>
    public PathScope WithInput(JsonValue input) => new(input, Context, Variables);
}
