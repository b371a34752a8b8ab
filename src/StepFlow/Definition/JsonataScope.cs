using StepFlow.Json;
using StepFlow.Jsonata;
using StepFlow.Paths;
using StepFlow.Variables;

namespace StepFlow.Definition;

/// <summary>
/// What a JSONata expression of a state can read: <c>$states</c> (input, result, errorOutput, context) and the
/// workflow variables, looked up on demand.
/// </summary>
internal sealed class JsonataScope : IJsonataBindings
{
    private JsonObject? _states;

    public JsonataScope(JsonValue input, IContextObjectSource context, VariableScope variables, CancellationToken cancellationToken = default)
    {
        Input = input;
        Context = context;
        Variables = variables;
        CancellationToken = cancellationToken;
    }

    /// <summary><c>$states.input</c>.</summary>
    public JsonValue Input { get; }

    /// <summary><c>$states.result</c> (Task/Parallel/Map Output and Assign, after success), or null.</summary>
    public JsonValue? Result { get; private init; }

    /// <summary><c>$states.errorOutput</c> (a Catcher's Output and Assign), or null.</summary>
    public JsonValue? ErrorOutput { get; private init; }

    /// <summary>The source of <c>$states.context</c>.</summary>
    public IContextObjectSource Context { get; }

    /// <summary>The variables as they were when the state was entered.</summary>
    public VariableScope Variables { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>The execution's seeded source of randomness, when it has one (see <see cref="IRandomSource"/>).</summary>
    public Random? Random => (Context as IRandomSource)?.Random;

    /// <summary>The CPU time each evaluation may use; null keeps <see cref="StepFunctionsJsonata.TimeLimit"/>.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>What each evaluation may create; null keeps <see cref="StepFunctionsJsonata.SizeLimit"/>.</summary>
    public long? SizeLimit { get; init; }

    /// <summary>The same scope with <c>$states.result</c>.</summary>
    public JsonataScope WithResult(JsonValue result) => new(Input, Context, Variables, CancellationToken) { Result = result, TimeLimit = TimeLimit, SizeLimit = SizeLimit };

    /// <summary>The same scope with <c>$states.errorOutput</c>.</summary>
    public JsonataScope WithErrorOutput(JsonValue errorOutput) => new(Input, Context, Variables, CancellationToken) { ErrorOutput = errorOutput, TimeLimit = TimeLimit, SizeLimit = SizeLimit };

    public bool TryLookup(string name, out JsonValue? value)
    {
        if (name == "states")
        {
            value = _states ??= BuildStates();
            return true;
        }

        if (Variables.TryGet(name, out var variable))
        {
            value = variable;
            return true;
        }

        value = null;
        return false;
    }

    private JsonObject BuildStates()
    {
        var builder = new JsonObjectBuilder(4).Set("input", Input);
        if (Result is not null)
        {
            builder.Set("result", Result);
        }

        if (ErrorOutput is not null)
        {
            builder.Set("errorOutput", ErrorOutput);
        }

        return builder.Set("context", Context.GetContextObject()).Build();
    }
}
