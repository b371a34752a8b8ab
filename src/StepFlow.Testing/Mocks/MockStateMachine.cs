using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace StepFlow.Testing.Mocks;

/// <summary>An entry of <c>StateMachines</c>: a state machine's name and its test cases.</summary>
public sealed class MockStateMachine
{
    private readonly FrozenDictionary<string, MockTestCase> _byName;

    internal MockStateMachine(string name, ImmutableArray<MockTestCase> testCases)
    {
        Name = name;
        TestCases = testCases;
        _byName = testCases.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>The state machine's name, as given when it is created (compared ordinally).</summary>
    public string Name { get; }

    /// <summary>The test cases, in file order.</summary>
    public ImmutableArray<MockTestCase> TestCases { get; }

    /// <summary>Finds a test case by its exact name.</summary>
    public bool TryGetTestCase(string name, [NotNullWhen(true)] out MockTestCase? testCase)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out testCase);
    }
}
