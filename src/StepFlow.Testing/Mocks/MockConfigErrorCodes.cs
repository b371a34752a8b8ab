namespace StepFlow.Testing.Mocks;

/// <summary>The stable codes of <see cref="MockConfigError"/>.</summary>
public static class MockConfigErrorCodes
{
    /// <summary>The file could not be read: missing, a directory, unreadable or too large.</summary>
    public const string FileNotReadable = "MockConfig.FileNotReadable";

    /// <summary>The text is not JSON (the error carries line and position).</summary>
    public const string InvalidJson = "MockConfig.InvalidJson";

    /// <summary>A value has the wrong JSON type (an object where a string belongs, ...).</summary>
    public const string WrongType = "MockConfig.WrongType";

    /// <summary>A required field is missing.</summary>
    public const string MissingField = "MockConfig.MissingField";

    /// <summary>A field the format does not define (a typo such as <c>Retrun</c>).</summary>
    public const string UnknownField = "MockConfig.UnknownField";

    /// <summary>A member name is written twice in one object.</summary>
    public const string DuplicateField = "MockConfig.DuplicateField";

    /// <summary>A name (state machine, test case, state, mocked response, error) is empty.</summary>
    public const string EmptyName = "MockConfig.EmptyName";

    /// <summary>A test case names a mocked response that <c>MockedResponses</c> does not define.</summary>
    public const string UnknownMockedResponse = "MockConfig.UnknownMockedResponse";

    /// <summary>An attempt key is not <c>N</c> or <c>N-M</c> with N ≤ M, or its number is too large.</summary>
    public const string InvalidAttemptKey = "MockConfig.InvalidAttemptKey";

    /// <summary>Two attempt keys of one mocked response cover the same attempt.</summary>
    public const string OverlappingAttempts = "MockConfig.OverlappingAttempts";

    /// <summary>The attempt keys of a mocked response leave out an attempt before the last one (or do not start at 0).</summary>
    public const string MissingAttempts = "MockConfig.MissingAttempts";

    /// <summary>A mocked response has no attempt keys at all.</summary>
    public const string NoAttempts = "MockConfig.NoAttempts";

    /// <summary>An attempt's entry has neither or both of <c>Return</c> and <c>Throw</c>.</summary>
    public const string ReturnOrThrow = "MockConfig.ReturnOrThrow";
}
