using StepFlow.Definition;
using StepFlow.Definition.States;
using StepFlow.Json;
using StepFlow.Parsing;

namespace StepFlow.Service.TestState;

/// <summary>
/// The definition of a TestState request, parsed: a whole state machine as it is, or one state wrapped as AWS wraps it
/// (<c>{"StartAt": "StateName", "States": {"StateName": ...}}</c>, so problems are reported at <c>/States/StateName/...</c>),
/// with a Succeed state for each transition target the lone state names. Then the state under test.
/// </summary>
internal sealed class TestStateDefinition
{
    /// <summary>The name AWS gives a lone state under test.</summary>
    public const string SingleStateName = "StateName";

    private TestStateDefinition(StateMachine machine, State state, JsonObject stateSource)
    {
        Machine = machine;
        State = state;
        StateSource = stateSource;
    }

    public StateMachine Machine { get; }

    public State State { get; }

    /// <summary>The state's own JSON (for fields the compiled model does not keep, such as ResultWriter).</summary>
    public JsonObject StateSource { get; }

    public static TestStateDefinition Load(string text, string? stateName)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw TestStateErrors.InvalidDefinition("Invalid State Machine Definition: 'MISSING_DESCRIPTION: The definition is empty at /'");
        }

        if (text.Length > StateMachine.MaxDefinitionLength)
        {
            throw TestStateErrors.Validation($"1 validation error detected: Value at 'definition' failed to satisfy constraint: Member must have length less than or equal to {StateMachine.MaxDefinitionLength}");
        }

        JsonValue parsed;
        try
        {
            parsed = JsonValue.Parse(text);
        }
        catch (JsonParseException e)
        {
            throw TestStateErrors.InvalidDefinition($"Invalid State Machine Definition: 'INVALID_JSON_DESCRIPTION: {e.Message}'");
        }

        if (parsed is not JsonObject root)
        {
            throw TestStateErrors.InvalidDefinition(
                $"Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: The definition must be a JSON object, but it is {parsed.KindName} at /'");
        }

        var isMachine = root.ContainsKey("States") || root.ContainsKey("StartAt");
        var machineJson = isMachine ? root : Wrap(root);
        if (!StateMachine.TryParse(machineJson, out var machine, out var diagnostics))
        {
            var problems = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => $"{d.Code}: {d.Message} at {(d.Location.Length == 0 ? "/" : d.Location)}");
            throw TestStateErrors.InvalidDefinition($"Invalid State Machine Definition: '{string.Join(", ", problems)}'");
        }

        var name = isMachine ? stateName ?? machine.Graph.StartAt : SingleStateName;
        if (!isMachine && stateName is not null && stateName != SingleStateName)
        {
            // A lone state has no name of its own; AWS takes any stateName for it only in a whole machine.
            throw TestStateErrors.Validation(TestStateErrors.StateNotFound);
        }

        var state = Find(machine.Graph, name) ?? throw TestStateErrors.Validation(TestStateErrors.StateNotFound);
        var source = SourceOf(machineJson, state.Pointer);
        return new TestStateDefinition(machine, state, source);
    }

    /// <summary>Wraps a lone state as a machine; a transition target it names becomes a Succeed state.</summary>
    private static JsonObject Wrap(JsonObject state)
    {
        var states = new JsonObjectBuilder().Set(SingleStateName, state);
        foreach (var target in TransitionTargets(state))
        {
            if (target != SingleStateName)
            {
                states.Set(target, JsonObject.Create(("Type", JsonValue.From("Succeed"))));
            }
        }

        var machine = new JsonObjectBuilder(3)
            .Set("StartAt", JsonValue.From(SingleStateName))
            .Set("States", states.Build());
        return machine.Build();
    }

    private static IEnumerable<string> TransitionTargets(JsonObject state)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in Candidates(state))
        {
            if (seen.Add(name))
            {
                yield return name;
            }
        }
    }

    private static IEnumerable<string> Candidates(JsonObject state)
    {
        if (state.TryGetValue("Next", out var next) && next is JsonString nextName)
        {
            yield return nextName.Value;
        }

        if (state.TryGetValue("Default", out var fallback) && fallback is JsonString defaultName)
        {
            yield return defaultName.Value;
        }

        foreach (var field in new[] { "Choices", "Catch" })
        {
            if (state.TryGetValue(field, out var list) && list is JsonArray items)
            {
                foreach (var item in items)
                {
                    if (item is JsonObject rule && rule.TryGetValue("Next", out var ruleNext) && ruleNext is JsonString ruleNextName)
                    {
                        yield return ruleNextName.Value;
                    }
                }
            }
        }
    }

    /// <summary>Finds a state by name in a graph and the graphs nested in its Map and Parallel states.</summary>
    private static State? Find(StateGraph graph, string name)
    {
        if (graph.States.TryGetValue(name, out var found))
        {
            return found;
        }

        foreach (var state in graph.States.Values)
        {
            var nested = state switch
            {
                MapState map => Find(map.ItemProcessor, name),
                ParallelState parallel => parallel.Branches.Select(b => Find(b, name)).FirstOrDefault(s => s is not null),
                _ => null,
            };
            if (nested is not null)
            {
                return nested;
            }
        }

        return null;
    }

    private static JsonObject SourceOf(JsonObject machine, string pointer)
    {
        JsonValue current = machine;
        foreach (var raw in pointer.Split('/').Skip(1))
        {
            var token = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            current = current switch
            {
                JsonObject obj when obj.TryGetValue(token, out var member) => member,
                JsonArray array when int.TryParse(token, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < array.Count => array[index],
                _ => JsonObject.Empty,
            };
        }

        return current as JsonObject ?? JsonObject.Empty;
    }
}
