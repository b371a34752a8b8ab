using System.Text;

namespace StepFlow.Testing.Mocks;

/// <summary>
/// Thrown by <see cref="MockConfig.Load(string)"/> and <see cref="MockConfig.Parse(string)"/> when the file is missing
/// or malformed; <see cref="Errors"/> holds every problem found, not just the first.
/// </summary>
public sealed class MockConfigException : FormatException
{
    /// <summary>How many errors the message lists; <see cref="Errors"/> always has them all.</summary>
    public const int MaxErrorsInMessage = 20;

    /// <summary>Creates the exception.</summary>
    /// <param name="source">The file path, or null for text given directly.</param>
    /// <param name="errors">The problems; at least one.</param>
    public MockConfigException(string? source, IReadOnlyList<MockConfigError> errors)
        : base(FormatMessage(source, errors))
    {
        Source = source;
        Errors = errors;
    }

    /// <summary>The file path, or null for text given directly.</summary>
    public new string? Source { get; }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<MockConfigError> Errors { get; }

    private static string FormatMessage(string? source, IReadOnlyList<MockConfigError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var text = new StringBuilder("The mock configuration");
        if (source is not null)
        {
            text.Append(" '").Append(source).Append('\'');
        }

        text.Append(errors.Count == 1 ? " has 1 error:" : $" has {errors.Count} errors:");
        for (var i = 0; i < errors.Count && i < MaxErrorsInMessage; i++)
        {
            text.Append("\n  ").Append(errors[i]);
        }

        if (errors.Count > MaxErrorsInMessage)
        {
            text.Append("\n  ... and ").Append(errors.Count - MaxErrorsInMessage).Append(" more");
        }

        return text.ToString();
    }
}
