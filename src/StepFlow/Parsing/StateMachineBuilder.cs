using System.Collections.Immutable;
using StepFlow.Definition;
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
    private readonly Dictionary<string, JsonPath> _paths = new(StringComparer.Ordinal);

    /// <summary>Intrinsic function calls compiled so far in this definition, by text.</summary>
    private readonly Dictionary<string, IntrinsicFunctionCall> _calls = new(StringComparer.Ordinal);

    public StateMachineBuilder(List<Diagnostic> diagnostics) => _diagnostics = diagnostics;

    public StateGraph? BuildGraph(JsonObject graph, in PendingPointer pointer, QueryLanguage inherited)
    {
        var startAt = RequireString(graph, "StartAt", pointer);
        if (!graph.TryGetValue("States", out var statesValue) || statesValue is not JsonObject statesObject)
        {
            Error(DiagnosticCodes.SchemaValidationFailed, "The field 'States' is required and must be an object.", pointer.Append("States"));
            return null;
        }

        var states = new Dictionary<string, State>(statesObject.Count, StringComparer.Ordinal);
        var graphPointer = pointer.ToString();
        var statesPointer = JsonPointer.Append(graphPointer, "States");
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
                Error(DiagnosticCodes.MissingTransitionTarget, $"StartAt '{startAt}' names no state in this scope.", pointer.Append("StartAt"));
            }

            return null;
        }

        var frozen = (IReadOnlyDictionary<string, State>)states;
        Link(frozen);
        return new StateGraph(startAt, frozen, graphPointer);
    }

    private void Link(IReadOnlyDictionary<string, State> states)
    {
        foreach (var state in states.Values)
        {
            state.Next = Resolve(states, state.NextName, state.PendingPointer, "Next");
            switch (state)
            {
                case ChoiceState choice:
                    for (var i = 0; i < choice.Choices.Length; i++)
                    {
                        var rule = choice.Choices[i];
                        rule.Next = Resolve(states, rule.NextName, state.PendingPointer, "Choices", i, "Next")!;
                    }

                    choice.Default = Resolve(states, choice.DefaultName, state.PendingPointer, "Default");
                    break;
                case TaskState task:
                    LinkCatchers(states, task.Catch);
                    break;
                case ParallelState parallel:
                    LinkCatchers(states, parallel.Catch);
                    break;
                case MapState map:
                    LinkCatchers(states, map.Catch);
                    break;
            }
        }
    }

    private void LinkCatchers(IReadOnlyDictionary<string, State> states, ImmutableArray<Catcher> catchers)
    {
        foreach (var catcher in catchers)
        {
            catcher.Next = Resolve(states, catcher.NextName, catcher.PendingPointer, "Next")!;
        }
    }

    private State? Resolve(IReadOnlyDictionary<string, State> states, string? name, in PendingPointer basePointer, string field, int index = -1, string? tail = null)
    {
        if (name is null)
        {
            return null;
        }

        if (states.TryGetValue(name, out var target))
        {
            return target;
        }

        var pointer = basePointer.Append(field);
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
