using StepFlow.Json;
using StepFlow.Variables;

namespace StepFlow.Paths;

/// <summary>
/// What a path can read: the state's input (<c>$</c>), the context object (<c>$$</c>) and the
/// workflow variables (<c>$name</c>).
/// </summary>
internal readonly struct PathScope
{
    private readonly JsonValue? _context;
    private readonly IContextObjectSource? _contextSource;

    /// <summary>Creates a scope.</summary>
    public PathScope(JsonValue input, JsonValue context, VariableScope? variables = null)
    {
        Input = input;
        _context = context;
        Variables = variables ?? VariableScope.Empty;
    }

    /// <summary>Creates a scope whose context object is built only when a path reads it.</summary>
    public PathScope(JsonValue input, IContextObjectSource contextSource, VariableScope? variables = null)
    {
        Input = input;
        _contextSource = contextSource;
        Variables = variables ?? VariableScope.Empty;
    }

    /// <summary>The document <c>$</c> selects from.</summary>
    public JsonValue Input { get; }

    /// <summary>The context object <c>$$</c> selects from.</summary>
    public JsonValue Context => _context ?? _contextSource?.GetContextObject() ?? JsonObject.Empty;

    /// <summary>The workflow variables <c>$name</c> selects from.</summary>
    public VariableScope Variables { get; }

    /// <summary>The execution's seeded source of randomness when the context source has one (see <see cref="IRandomSource"/>), else null.</summary>
    internal Random? Random => (_contextSource as IRandomSource)?.Random;
}
