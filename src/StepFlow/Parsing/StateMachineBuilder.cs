using System.Collections.Immutable;
using StepFlow.Definition;
using StepFlow.Definition.Choice;
using StepFlow.Definition.States;
using StepFlow.Intrinsics;
using StepFlow.Json;
using StepFlow.Paths;

namespace StepFlow.Parsing;

/// <summary>
/// Builds the immutable state graph from a definition document, compiling every path, template,
/// intrinsic call and Choice rule once. Problems become diagnostics; nothing here throws on bad input.
/// </summary>
internal sealed partial class StateMachineBuilder
{
    private readonly List<Diagnostic> _diagnostics;

    /// <summary>Paths compiled so far in this definition, by text: a definition repeats a few paths many times.</summary>
    private readonly Dictionary<string, CompiledPath> _paths = new(StringComparer.Ordinal);

    /// <summary>Payload template keys without their <c>.$</c>, by key: the same keys recur in many templates.</summary>
    private readonly Dictionary<string, string> _trimmedKeys = new(StringComparer.Ordinal);

    /// <summary>Intrinsic function calls compiled so far in this definition, by text.</summary>
    private readonly Dictionary<string, IntrinsicFunctionCall> _calls = new(StringComparer.Ordinal);

    /// <summary>
    /// What was compiled so far in this definition, by node. A definition's identical blocks (a Retry policy, a
    /// ResultSelector, a Choice rule repeated on many states) are one shared node (JsonTreeBuilder.Sharing), which the
    /// definition's <see cref="ParseSession"/> knows as repeated, so each is
    /// compiled once; compiled parts are immutable. Only JSONPath blocks that compiled without a problem are kept, so
    /// every problem is still reported where it is.
    /// </summary>
    private readonly Dictionary<JsonValue, PayloadTemplate> _templates = new(ReferenceEqualityComparer.Instance);

    /// <summary>Compiled Retry arrays, by node (see <see cref="_templates"/>).</summary>
    private readonly Dictionary<JsonValue, ImmutableArray<Retrier>> _retriers = new(ReferenceEqualityComparer.Instance);

    /// <summary>Compiled Choice conditions, by rule node (see <see cref="_templates"/>).</summary>
    private readonly Dictionary<JsonValue, ChoiceCondition?> _conditions = new(ReferenceEqualityComparer.Instance);

    /// <summary>The session the definition was read in, which knows its repeated blocks; null when it was not read from text.</summary>
    private readonly ParseSession? _session;

    public StateMachineBuilder(List<Diagnostic> diagnostics, ParseSession? session = null)
    {
        _diagnostics = diagnostics;
        _session = session;
    }

    /// <summary>What a JSONPath block compiled to before, when it was kept.</summary>
    private bool TryRecall<T>(Dictionary<JsonValue, T> compiled, JsonValue node, out T result)
    {
        // Only repeated blocks are ever kept, so the cheap test of the session is enough before the exact lookup.
        if (_language == QueryLanguage.JsonPath && _session is { } session && session.MayBeRepeated(node) && compiled.TryGetValue(node, out result!))
        {
            return true;
        }

        result = default!;
        return false;
    }

    /// <summary>Keeps what a JSONPath block compiled to when compiling it reported nothing (counted from <paramref name="problemsBefore"/>).</summary>
    private void Remember<T>(Dictionary<JsonValue, T> compiled, JsonValue node, T result, int problemsBefore)
    {
        if (_language == QueryLanguage.JsonPath && _diagnostics.Count == problemsBefore && _session is { } session && session.IsRepeated(node))
        {
            compiled[node] = result;
        }
    }

    public StateGraph? BuildGraph(JsonObject graph, in PendingPointer pointer, QueryLanguage inherited)
    {
        var startAt = RequireString(graph, AslFields.StartAt, pointer);
        if (!graph.TryGetValue(AslFields.States, out var statesValue) || statesValue is not JsonObject statesObject)
        {
            Error(DiagnosticCodes.SchemaValidationFailed, "The field 'States' is required and must be an object.", pointer.Append(AslFields.States));
            return null;
        }

        var states = new Dictionary<string, State>(statesObject.Count, StringComparer.Ordinal);
        var built = new List<State>(statesObject.Count);
        var graphPointer = pointer.ToString();
        var statesPointer = JsonPointer.Append(graphPointer, AslFields.States);
        foreach (var member in statesObject.Members)
        {
            if (member.Value is not JsonObject stateObject)
            {
                Error(DiagnosticCodes.SchemaValidationFailed, "A state must be an object.", new PendingPointer(statesPointer, member.Key));
                continue;
            }

            var state = BuildState(member.Key, stateObject, statesPointer, inherited);
            if (state is not null)
            {
                states[member.Key] = state;
                built.Add(state);
            }
        }

        if (startAt is null)
        {
            return null;
        }

        if (!states.ContainsKey(startAt))
        {
            if (!statesObject.ContainsKey(startAt))
            {
                Error(DiagnosticCodes.MissingTransitionTarget, $"StartAt '{startAt}' names no state in this scope.", pointer.Append(AslFields.StartAt));
            }

            return null;
        }

        Link(states, built);
        return new StateGraph(startAt, states, graphPointer);
    }

    /// <summary>Resolves every transition of <paramref name="built"/> (the states in definition order).</summary>
    private void Link(Dictionary<string, State> states, List<State> built)
    {
        foreach (var state in built)
        {
            if (state.NextName is { } nextName)
            {
                state.Next = Resolve(states, nextName, state, AslFields.Next);
            }

            switch (state.Type)
            {
                case StateType.Choice:
                    var choice = (ChoiceState)state;
                    var rules = choice.Choices;
                    for (var i = 0; i < rules.Length; i++)
                    {
                        var rule = rules[i];
                        rule.Next = Resolve(states, rule.NextName, state, AslFields.Choices, i, AslFields.Next)!;
                    }

                    if (choice.DefaultName is { } defaultName)
                    {
                        choice.Default = Resolve(states, defaultName, state, AslFields.Default);
                    }

                    break;
                case StateType.Task:
                    LinkCatchers(states, ((TaskState)state).Catch);
                    break;
                case StateType.Parallel:
                    LinkCatchers(states, ((ParallelState)state).Catch);
                    break;
                case StateType.Map:
                    LinkCatchers(states, ((MapState)state).Catch);
                    break;
            }
        }
    }

    private void LinkCatchers(Dictionary<string, State> states, ImmutableArray<Catcher> catchers)
    {
        foreach (var catcher in catchers)
        {
            if (!states.TryGetValue(catcher.NextName, out var target))
            {
                Error(DiagnosticCodes.MissingTransitionTarget, $"Missing 'Next' target: {catcher.NextName}", catcher.PendingPointer.Append(AslFields.Next));
            }

            catcher.Next = target!;
        }
    }

    private State? Resolve(Dictionary<string, State> states, string name, State from, string field, int index = -1, string? tail = null)
    {
        if (states.TryGetValue(name, out var target))
        {
            return target;
        }

        var pointer = from.PendingPointer.Append(field);
        if (index >= 0)
        {
            pointer = pointer.Append(index).Append(tail!);
        }

        Error(DiagnosticCodes.MissingTransitionTarget, $"Missing 'Next' target: {name}", pointer);
        return null;
    }

    private void Error(string code, string message, in PendingPointer pointer) => _diagnostics.Add(Diagnostic.Error(code, message, pointer.ToString()));

    private string? RequireString(JsonObject obj, string name, in PendingPointer pointer)
    {
        if (obj.TryGetValue(name, out var value) && value is JsonString text)
        {
            return text.Value;
        }

        Error(DiagnosticCodes.SchemaValidationFailed, $"The field '{name}' is required and must be a string.", pointer.Append(name));
        return null;
    }

    private string? OptionalString(JsonObject obj, string name, in PendingPointer pointer)
    {
        if (IsExpressionField(obj, name))
        {
            return null;
        }

        if (!obj.TryGetValue(name, out var value))
        {
            return null;
        }

        if (value is JsonString text)
        {
            return text.Value;
        }

        Error(DiagnosticCodes.SchemaValidationFailed, $"The field '{name}' must be a string.", pointer.Append(name));
        return null;
    }

    private long? OptionalInteger(JsonObject obj, string name, in PendingPointer pointer, long min = long.MinValue)
    {
        if (IsExpressionField(obj, name))
        {
            return null;
        }

        if (!obj.TryGetValue(name, out var value))
        {
            return null;
        }

        if (value is JsonNumber number && number.TryGetInt64(out var integer) && integer >= min)
        {
            return integer;
        }

        Error(DiagnosticCodes.SchemaValidationFailed, $"The field '{name}' must be an integer{(min > long.MinValue ? $" of at least {min}" : string.Empty)}.", pointer.Append(name));
        return null;
    }

    private double? OptionalNumber(JsonObject obj, string name, in PendingPointer pointer)
    {
        if (IsExpressionField(obj, name))
        {
            return null;
        }

        if (!obj.TryGetValue(name, out var value))
        {
            return null;
        }

        if (value is JsonNumber number)
        {
            return number.DoubleValue;
        }

        Error(DiagnosticCodes.SchemaValidationFailed, $"The field '{name}' must be a number.", pointer.Append(name));
        return null;
    }
}
