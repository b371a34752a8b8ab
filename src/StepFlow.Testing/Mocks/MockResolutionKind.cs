namespace StepFlow.Testing.Mocks;

/// <summary>What a test case says about one attempt of one state (see <see cref="MockResolution"/>).</summary>
public enum MockResolutionKind
{
    /// <summary>The test case does not name the state: a hybrid run calls the real handler.</summary>
    NotMocked,

    /// <summary>The state is mocked and the file has an answer for the attempt.</summary>
    Mocked,

    /// <summary>
    /// The state is mocked but the file has no entry for the attempt: the execution fails with
    /// <c>States.Runtime</c>, as in Step Functions Local.
    /// </summary>
    NoEntryForAttempt,
}
