using System.Collections.Frozen;
using System.Globalization;

namespace StepFlow.Testing.Mocks;

/// <summary>
/// One test case of a state machine: which states are mocked, and by which mocked response. States it does not name are
/// not mocked (a hybrid run calls their real handlers).
/// </summary>
public sealed class MockTestCase
{
    internal MockTestCase(string stateMachineName, string name, FrozenDictionary<string, MockedResponse> mockedStates)
    {
        StateMachineName = stateMachineName;
        Name = name;
        MockedStates = mockedStates;
    }

    /// <summary>The state machine the test case belongs to.</summary>
    public string StateMachineName { get; }

    /// <summary>The test case's name (what Step Functions Local takes after <c>#</c> in the state machine ARN).</summary>
    public string Name { get; }

    /// <summary>State name → the mocked response it uses. Names are compared ordinally (case matters, as in ASL).</summary>
    public IReadOnlyDictionary<string, MockedResponse> MockedStates { get; }

    /// <summary>
    /// What the test case answers for the 0-based <paramref name="attempt"/> of the state <paramref name="stateName"/>
    /// (the first invocation of the state in the execution is attempt 0; each later invocation, retries included, the
    /// next). Never throws for a valid argument; no allocation except for the cause of a missing entry.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="stateName"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempt"/> is negative.</exception>
    public MockResolution Resolve(string stateName, int attempt)
    {
        ArgumentNullException.ThrowIfNull(stateName);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        if (!MockedStates.TryGetValue(stateName, out var mocked))
        {
            return MockResolution.NotMocked;
        }

        if (mocked.ForAttempt(attempt) is { } response)
        {
            return MockResolution.Mocked(mocked, response);
        }

        var cause = string.Create(
            CultureInfo.InvariantCulture,
            $"The mocked response '{mocked.Name}' that test case '{Name}' of state machine '{StateMachineName}' uses for state '{stateName}' has no entry for attempt {attempt}: it covers attempts 0 to {mocked.AttemptCount - 1}. Step Functions Local fails the execution when an attempt has no mocked response.");
        return MockResolution.NoEntry(mocked, cause);
    }
}
