using System.Globalization;

namespace StepFlow.Sqlite;

/// <summary>Where the next page of a newest-first list starts: after the execution with this start time and ARN.</summary>
internal readonly record struct ListContinuation(long StartTicks, string ExecutionArn)
{
    public string Format() => StartTicks.ToString(CultureInfo.InvariantCulture) + "|" + ExecutionArn;

    /// <exception cref="FormatException">The text is not one this store returned.</exception>
    public static ListContinuation? Parse(string? continuation)
    {
        if (continuation is null)
        {
            return null;
        }

        var bar = continuation.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0 || !long.TryParse(continuation.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
        {
            throw new FormatException("The continuation is not one this store returned.");
        }

        return new ListContinuation(ticks, continuation[(bar + 1)..]);
    }
}
