using StepFlow.Errors;

namespace StepFlow.Testing.Mocks;

/// <summary>
/// The answer of <see cref="MockTestCase.Resolve(string, int)"/> for one attempt of one state: not mocked (call the real
/// handler), mocked (<see cref="Response"/>), or mocked without an entry for the attempt (fail the execution with
/// <see cref="Error"/> and <see cref="Cause"/>).
/// </summary>
public sealed class MockResolution
{
    private MockResolution(MockResolutionKind kind, MockedResponse? mockedResponse, MockResponse? response, string? cause)
    {
        Kind = kind;
        MockedResponse = mockedResponse;
        Response = response;
        Cause = cause;
    }

    /// <summary>The answer for a state the test case does not name.</summary>
    public static MockResolution NotMocked { get; } = new(MockResolutionKind.NotMocked, null, null, null);

    /// <summary>Which of the three answers this is.</summary>
    public MockResolutionKind Kind { get; }

    /// <summary>The mocked response the test case names for the state; null when <see cref="Kind"/> is <see cref="MockResolutionKind.NotMocked"/>.</summary>
    public MockedResponse? MockedResponse { get; }

    /// <summary>The answer for the attempt; set only when <see cref="Kind"/> is <see cref="MockResolutionKind.Mocked"/>.</summary>
    public MockResponse? Response { get; }

    /// <summary>
    /// The error the execution fails with when <see cref="Kind"/> is <see cref="MockResolutionKind.NoEntryForAttempt"/>:
    /// <c>States.Runtime</c>; null otherwise.
    /// </summary>
    public string? Error => Kind == MockResolutionKind.NoEntryForAttempt ? StatesErrorNames.Runtime : null;

    /// <summary>The cause that goes with <see cref="Error"/>, naming the test case, state, mocked response and attempt; null otherwise.</summary>
    public string? Cause { get; }

    internal static MockResolution Mocked(MockedResponse mockedResponse, MockResponse response) =>
        new(MockResolutionKind.Mocked, mockedResponse, response, null);

    internal static MockResolution NoEntry(MockedResponse mockedResponse, string cause) =>
        new(MockResolutionKind.NoEntryForAttempt, mockedResponse, null, cause);
}
