using StepFlow.Json;

namespace StepFlow.Jsonata.Evaluation;

/// <summary>A frame of variable bindings with a parent frame.</summary>
internal sealed class Environment
{
    private readonly Environment? _parent;
    private readonly IReadOnlyDictionary<string, JsonValue>? _functions;
    private string? _name0;
    private JsonValue? _value0;
    private Dictionary<string, JsonValue?>? _more;
    private readonly IJsonataBindings? _host;

    public Environment(Environment? parent) => _parent = parent;

    /// <summary>A frame whose names come from the host (looked up on demand, never copied).</summary>
    public Environment(Environment parent, IJsonataBindings host)
    {
        _parent = parent;
        _host = host;
    }

    public Environment(IReadOnlyDictionary<string, JsonValue> functions) => _functions = functions;

    public Environment? Parent => _parent;

    public void Bind(string name, JsonValue? value)
    {
        if (_name0 is null || string.Equals(_name0, name, StringComparison.Ordinal))
        {
            _name0 = name;
            _value0 = value;
            return;
        }

        (_more ??= new Dictionary<string, JsonValue?>(StringComparer.Ordinal))[name] = value;
    }

    public bool TryLookup(string name, out JsonValue? value)
    {
        for (var env = this; env is not null; env = env._parent)
        {
            if (env._name0 is not null && string.Equals(env._name0, name, StringComparison.Ordinal))
            {
                value = env._value0;
                return true;
            }

            if (env._more is not null && env._more.TryGetValue(name, out value))
            {
                return true;
            }

            if (env._host is not null && env._host.TryLookup(name, out var hosted))
            {
                value = hosted;
                return true;
            }

            if (env._functions is not null && env._functions.TryGetValue(name, out var f))
            {
                value = f;
                return true;
            }
        }

        value = null;
        return false;
    }

    public JsonValue? Lookup(string name) => TryLookup(name, out var value) ? value : null;
}
