using System.Collections.Frozen;
using System.Collections.Immutable;
using StepFlow.Json;
using StepFlow.Parsing;

namespace StepFlow.Testing.Mocks;

/// <summary>
/// Turns a parsed mock configuration into the model, collecting every problem (not just the first) with a JSON Pointer
/// to its place. Builds the model only when there is none.
/// </summary>
internal sealed partial class MockConfigReader
{
    private const string StateMachinesField = "StateMachines";
    private const string MockedResponsesField = "MockedResponses";
    private const string TestCasesField = "TestCases";

    private readonly List<MockConfigError> _errors;

    /// <summary>Every mocked response that is defined, valid or not (so a bad one is not also reported as unknown).</summary>
    private readonly HashSet<string> _definedResponses = new(StringComparer.Ordinal);

    private readonly Dictionary<string, MockedResponse> _responses = new(StringComparer.Ordinal);

    private MockConfigReader(List<MockConfigError> errors) => _errors = errors;

    /// <summary>Reads <paramref name="root"/>; returns null when <paramref name="errors"/> got anything.</summary>
    public static MockConfig? Read(JsonValue root, List<MockConfigError> errors)
    {
        var before = errors.Count;
        var config = new MockConfigReader(errors).ReadRoot(root);
        return errors.Count == before ? config : null;
    }

    private MockConfig? ReadRoot(JsonValue root)
    {
        if (AsObject(root, string.Empty, "a mock configuration") is not { } obj)
        {
            return null;
        }

        CheckFields(obj, string.Empty, "a mock configuration", StateMachinesField, MockedResponsesField);

        // MockedResponses first, so that the test cases can be checked against it.
        var responsesKnown = false;
        if (Required(obj, MockedResponsesField, string.Empty) is { } responses)
        {
            responsesKnown = ReadMockedResponses(responses, "/" + MockedResponsesField);
        }

        var machines = ImmutableArray<MockStateMachine>.Empty;
        if (Required(obj, StateMachinesField, string.Empty) is { } stateMachines)
        {
            machines = ReadStateMachines(stateMachines, "/" + StateMachinesField, responsesKnown);
        }

        var orderedResponses = _responses.Values.ToImmutableArray();
        return new MockConfig(machines, orderedResponses);
    }

    private ImmutableArray<MockStateMachine> ReadStateMachines(JsonValue value, string pointer, bool responsesKnown)
    {
        if (AsObject(value, pointer, "StateMachines") is not { } obj)
        {
            return [];
        }

        var machines = ImmutableArray.CreateBuilder<MockStateMachine>(obj.Count);
        foreach (var (name, machine) in obj.Members)
        {
            var machinePointer = JsonPointer.Append(pointer, name);
            NotEmpty(name, machinePointer, "a state machine name");
            if (AsObject(machine, machinePointer, $"the state machine '{name}'") is not { } machineObj)
            {
                continue;
            }

            CheckFields(machineObj, machinePointer, $"the state machine '{name}'", TestCasesField);
            if (Required(machineObj, TestCasesField, machinePointer) is { } testCases)
            {
                machines.Add(new MockStateMachine(name, ReadTestCases(name, testCases, JsonPointer.Append(machinePointer, TestCasesField), responsesKnown)));
            }
        }

        return machines.ToImmutable();
    }

    private ImmutableArray<MockTestCase> ReadTestCases(string machine, JsonValue value, string pointer, bool responsesKnown)
    {
        if (AsObject(value, pointer, $"TestCases of '{machine}'") is not { } obj)
        {
            return [];
        }

        var testCases = ImmutableArray.CreateBuilder<MockTestCase>(obj.Count);
        foreach (var (name, testCase) in obj.Members)
        {
            var casePointer = JsonPointer.Append(pointer, name);
            NotEmpty(name, casePointer, "a test case name");
            if (AsObject(testCase, casePointer, $"the test case '{name}'") is not { } caseObj)
            {
                continue;
            }

            var states = new Dictionary<string, MockedResponse>(caseObj.Count, StringComparer.Ordinal);
            foreach (var (state, responseName) in caseObj.Members)
            {
                var statePointer = JsonPointer.Append(casePointer, state);
                NotEmpty(state, statePointer, "a state name");
                if (responseName is not JsonString { Value: var mockName })
                {
                    WrongType(statePointer, $"the mocked response for state '{state}'", "a string naming an entry of MockedResponses", responseName);
                    continue;
                }

                if (NotEmpty(mockName, statePointer, "a mocked response name") && responsesKnown)
                {
                    if (_responses.TryGetValue(mockName, out var response))
                    {
                        states[state] = response;
                    }
                    else if (!_definedResponses.Contains(mockName))
                    {
                        Add(MockConfigErrorCodes.UnknownMockedResponse, $"state '{state}' uses the mocked response '{mockName}', which MockedResponses does not define", statePointer);
                    }
                }
            }

            testCases.Add(new MockTestCase(machine, name, states.ToFrozenDictionary(StringComparer.Ordinal)));
        }

        return testCases.ToImmutable();
    }

    private JsonObject? AsObject(JsonValue value, string pointer, string what)
    {
        if (value is JsonObject obj)
        {
            return obj;
        }

        WrongType(pointer, what, "an object", value);
        return null;
    }

    private JsonValue? Required(JsonObject obj, string field, string pointer)
    {
        if (obj.TryGetValue(field, out var value))
        {
            return value;
        }

        Add(MockConfigErrorCodes.MissingField, $"the required field '{field}' is missing", pointer);
        return null;
    }

    /// <summary>Reports each member of <paramref name="obj"/> that is not one of <paramref name="known"/>.</summary>
    private void CheckFields(JsonObject obj, string pointer, string what, params ReadOnlySpan<string> known)
    {
        foreach (var member in obj.Members)
        {
            var isKnown = false;
            string? nearly = null;
            foreach (var field in known)
            {
                isKnown |= string.Equals(member.Key, field, StringComparison.Ordinal);
                if (string.Equals(member.Key, field, StringComparison.OrdinalIgnoreCase))
                {
                    nearly = field;
                }
            }

            if (!isKnown)
            {
                var allowed = string.Join(", ", known.ToArray().Select(k => $"'{k}'"));
                var hint = nearly is null ? string.Empty : $" (did you mean '{nearly}'? field names are case-sensitive)";
                Add(MockConfigErrorCodes.UnknownField, $"unknown field '{member.Key}' in {what}{hint}; the fields allowed are {allowed}", JsonPointer.Append(pointer, member.Key));
            }
        }
    }

    private bool NotEmpty(string name, string pointer, string what)
    {
        if (name.Length > 0)
        {
            return true;
        }

        Add(MockConfigErrorCodes.EmptyName, $"{what} must not be empty", pointer);
        return false;
    }

    private void WrongType(string pointer, string what, string expected, JsonValue actual) =>
        Add(MockConfigErrorCodes.WrongType, $"{what} must be {expected}, not {Article(actual.KindName)}", pointer);

    private static string Article(string kind) => kind switch
    {
        "null" => "null",
        "array" or "object" => "an " + kind,
        _ => "a " + kind,
    };

    private void Add(string code, string message, string pointer) => _errors.Add(new MockConfigError(code, message, pointer));
}
