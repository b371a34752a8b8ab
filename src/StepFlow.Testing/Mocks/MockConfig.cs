using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace StepFlow.Testing.Mocks;

/// <summary>
/// A Step Functions Local mock configuration file (<c>MockConfigFile.json</c>), unchanged from the format AWS documents:
/// <c>StateMachines</c> → <c>TestCases</c> → state name → mocked response name, and <c>MockedResponses</c> with attempt
/// keys <c>"0"</c>, <c>"1-2"</c>, each a <c>Return</c> or a <c>Throw</c>. Immutable and thread-safe; made only by
/// <see cref="Parse(string)"/>, <see cref="TryParse(string, out MockConfig?, out IReadOnlyList{MockConfigError})"/>,
/// <see cref="Load(string)"/> and <see cref="FromEnvironment(Func{string, string?}?)"/>.
/// See https://docs.aws.amazon.com/step-functions/latest/dg/sfn-local-mock-cfg-file.html.
/// </summary>
public sealed partial class MockConfig
{
    private readonly FrozenDictionary<string, MockStateMachine> _machines;
    private readonly FrozenDictionary<string, MockedResponse> _responses;

    internal MockConfig(ImmutableArray<MockStateMachine> stateMachines, ImmutableArray<MockedResponse> mockedResponses)
    {
        StateMachines = stateMachines;
        MockedResponses = mockedResponses;
        _machines = stateMachines.ToFrozenDictionary(m => m.Name, StringComparer.Ordinal);
        _responses = mockedResponses.ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);
    }

    /// <summary>The state machines, in file order.</summary>
    public ImmutableArray<MockStateMachine> StateMachines { get; }

    /// <summary>The mocked responses, in file order (those no test case uses included).</summary>
    public ImmutableArray<MockedResponse> MockedResponses { get; }

    /// <summary>Finds a state machine by its exact name.</summary>
    public bool TryGetStateMachine(string name, [NotNullWhen(true)] out MockStateMachine? stateMachine)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _machines.TryGetValue(name, out stateMachine);
    }

    /// <summary>Finds a mocked response by its exact name.</summary>
    public bool TryGetMockedResponse(string name, [NotNullWhen(true)] out MockedResponse? mockedResponse)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _responses.TryGetValue(name, out mockedResponse);
    }

    /// <summary>Finds the test case <paramref name="testCaseName"/> of the state machine <paramref name="stateMachineName"/>.</summary>
    public bool TryGetTestCase(string stateMachineName, string testCaseName, [NotNullWhen(true)] out MockTestCase? testCase)
    {
        ArgumentNullException.ThrowIfNull(testCaseName);
        testCase = null;
        return TryGetStateMachine(stateMachineName, out var machine) && machine.TryGetTestCase(testCaseName, out testCase);
    }

    /// <summary>
    /// The test case <paramref name="testCaseName"/> of the state machine <paramref name="stateMachineName"/>; resolve it
    /// once when an execution starts, then call <see cref="MockTestCase.Resolve(string, int)"/> for each Task attempt.
    /// </summary>
    /// <exception cref="KeyNotFoundException">There is no such state machine or test case; the message lists those there are.</exception>
    public MockTestCase GetTestCase(string stateMachineName, string testCaseName)
    {
        ArgumentNullException.ThrowIfNull(stateMachineName);
        ArgumentNullException.ThrowIfNull(testCaseName);
        if (!TryGetStateMachine(stateMachineName, out var machine))
        {
            throw new KeyNotFoundException($"The mock configuration has no state machine '{stateMachineName}'; it has {List(StateMachines.Select(m => m.Name))}.");
        }

        return machine.TryGetTestCase(testCaseName, out var testCase)
            ? testCase
            : throw new KeyNotFoundException($"The state machine '{stateMachineName}' of the mock configuration has no test case '{testCaseName}'; it has {List(machine.TestCases.Select(t => t.Name))}.");
    }

    /// <summary>
    /// What the test case answers for the 0-based <paramref name="attempt"/> of <paramref name="stateName"/>: not mocked,
    /// a <see cref="MockReturn"/> or <see cref="MockThrow"/>, or no entry for the attempt (the execution fails with
    /// <c>States.Runtime</c>). Shorthand for <see cref="GetTestCase(string, string)"/> then <see cref="MockTestCase.Resolve(string, int)"/>.
    /// </summary>
    /// <exception cref="KeyNotFoundException">There is no such state machine or test case.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempt"/> is negative.</exception>
    public MockResolution Resolve(string stateMachineName, string testCaseName, string stateName, int attempt) =>
        GetTestCase(stateMachineName, testCaseName).Resolve(stateName, attempt);

    private static string List(IEnumerable<string> names)
    {
        var quoted = names.Select(n => $"'{n}'").ToList();
        return quoted.Count == 0 ? "none" : string.Join(", ", quoted);
    }
}
