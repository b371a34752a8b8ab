using System.Globalization;
using System.Text.RegularExpressions;

namespace StepFlow.Definition.Choice;

/// <summary>Parses RFC 3339 timestamps as ASL requires (uppercase T, and Z or a numeric offset).</summary>
public static partial class Rfc3339
{
    /// <summary>Parses a timestamp; false when it is not a valid RFC 3339 date-time.</summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        if (text is null || !Shape().IsMatch(text))
        {
            return false;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
