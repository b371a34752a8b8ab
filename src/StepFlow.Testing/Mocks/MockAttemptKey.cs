using System.Globalization;

namespace StepFlow.Testing.Mocks;

/// <summary>Reads an attempt key of a mocked response: <c>"N"</c> or the inclusive range <c>"N-M"</c>, decimal digits only.</summary>
internal static class MockAttemptKey
{
    /// <summary>Parses <paramref name="key"/>; on failure, <paramref name="problem"/> says why.</summary>
    public static bool TryParse(string key, out int first, out int last, out string? problem)
    {
        first = last = 0;
        var dash = key.IndexOf('-', StringComparison.Ordinal);
        var firstText = dash < 0 ? key.AsSpan() : key.AsSpan(0, dash);
        var lastText = dash < 0 ? key.AsSpan() : key.AsSpan(dash + 1);
        if (!IsDigits(firstText) || !IsDigits(lastText))
        {
            problem = $"'{key}' is not an attempt key: write an attempt number such as \"0\" or an inclusive range such as \"1-2\" (decimal digits, no signs or spaces)";
            return false;
        }

        if (!TryNumber(firstText, out first, out problem) || !TryNumber(lastText, out last, out problem))
        {
            return false;
        }

        if (first > last)
        {
            problem = $"the range '{key}' runs backwards: the first attempt must not be greater than the last";
            return false;
        }

        problem = null;
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> text) => !text.IsEmpty && !text.ContainsAnyExceptInRange('0', '9');

    private static bool TryNumber(ReadOnlySpan<char> digits, out int value, out string? problem)
    {
        if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            problem = null;
            return true;
        }

        var shown = digits.Length > 40 ? string.Concat(digits[..40], "...") : digits.ToString();
        problem = $"the attempt number {shown} is too large: at most {int.MaxValue} is allowed";
        return false;
    }
}
