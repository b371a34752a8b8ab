namespace StepFlow.Testing.Mocks;

/// <summary>A mocked failure: the Task fails with <see cref="Error"/> and <see cref="Cause"/> (the <c>Throw</c> field of the file).</summary>
public sealed class MockThrow : MockResponse
{
    /// <summary>Creates the response.</summary>
    /// <param name="error">The error name, matched by the state's <c>Retry</c> and <c>Catch</c>; not empty.</param>
    /// <param name="cause">The cause, or null when the file gives none.</param>
    public MockThrow(string error, string? cause)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        Error = error;
        Cause = cause;
    }

    /// <summary>The error name, e.g. <c>Lambda.TimeoutException</c>.</summary>
    public string Error { get; }

    /// <summary>The cause, or null when the file gives none.</summary>
    public string? Cause { get; }

    /// <inheritdoc />
    public override string ToString() => Cause is null ? $"Throw {Error}" : $"Throw {Error}: {Cause}";
}
