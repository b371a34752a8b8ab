namespace StepFlow.Testing.Mocks;

/// <summary>
/// What a mocked Task answers for one attempt: <see cref="MockReturn"/> (a result) or <see cref="MockThrow"/> (an
/// error). The only subclasses are those two.
/// </summary>
public abstract class MockResponse
{
    private protected MockResponse()
    {
    }
}
