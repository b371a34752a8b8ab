using System.Text;
using StepFlow.Json;
using StepFlow.Jsonata;

namespace StepFlow.Fuzz.Targets;

/// <summary>
/// JSONata: compile and evaluate against the fixed documents with the options every state machine uses
/// (<see cref="StepFunctionsJsonata.Options"/>: level 2.0.6, 1 s budget) and at level 2.2 under the same
/// budget. The only documented error is <see cref="JsonataException"/>.
/// </summary>
internal sealed class JsonataTarget : IFuzzTarget
{
    private static readonly JsonataOptions Level22 = JsonataOptions.Default with
    {
        TimeLimit = StepFunctionsJsonata.Options.TimeLimit,
        TimeProvider = TimeProvider.System,
    };

    private static readonly IReadOnlyDictionary<string, JsonValue> Bindings = CreateBindings();

    /// <inheritdoc />
    public string Name => "jsonata";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        Run(text, StepFunctionsJsonata.Options);
        Run(text, Level22);
    }

    private static void Run(string text, JsonataOptions options)
    {
        try
        {
            var expression = JsonataExpression.Compile(text, options);
            FixedDocuments.WriteOut(expression.Evaluate(FixedDocuments.Input, Bindings));
        }
        catch (JsonataException)
        {
        }
    }

    private static Dictionary<string, JsonValue> CreateBindings()
    {
        var states = new JsonObjectBuilder(2);
        states.Set("input", FixedDocuments.Input);
        states.Set("context", FixedDocuments.Context);
        var bindings = new Dictionary<string, JsonValue>(StringComparer.Ordinal) { ["states"] = states.Build() };
        foreach (var pair in FixedDocuments.Variables.Values)
        {
            bindings[pair.Key] = pair.Value;
        }

        return bindings;
    }
}
