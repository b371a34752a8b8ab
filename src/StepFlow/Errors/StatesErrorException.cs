namespace StepFlow.Errors;

/// <summary>
/// An ASL error raised while a state runs: an error name (for example <c>States.Runtime</c> or a
/// task's own name) and a cause. Task handlers throw it to fail a task with a name Retry and Catch
/// can match. The executor turns it into data on the execution result; it never escapes the engine.
/// </summary>
public class StatesErrorException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StatesErrorException(string error, string? cause)
        : base(cause is null ? error : $"{error}: {cause}")
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
        Cause = cause;
    }

    /// <summary>Creates the exception with an inner exception.</summary>
    public StatesErrorException(string error, string? cause, Exception? innerException)
        : base(cause is null ? error : $"{error}: {cause}", innerException)
    {
        ArgumentNullException.ThrowIfNull(error);
        Error = error;
        Cause = cause;
    }

    /// <summary>The ASL error name.</summary>
    public string Error { get; }

    /// <summary>The human-readable cause, or null.</summary>
    public string? Cause { get; }
}
