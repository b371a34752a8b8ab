namespace StepFlow.Parsing.Validation;

/// <summary>
/// Checks RFC 3339 date-times as ASL requires them: <c>2016-03-14T01:59:00Z</c> or with a numeric offset,
/// uppercase <c>T</c> and <c>Z</c>, optional fractional seconds.
/// </summary>
internal static class Rfc3339
{
    public static bool IsValid(string text)
    {
        var s = text.AsSpan();
        if (s.Length < 20)
        {
            return false;
        }

        if (!Digits(s, 0, 4, out var year) || s[4] != '-' || !Digits(s, 5, 2, out var month) || s[7] != '-' ||
            !Digits(s, 8, 2, out var day) || s[10] != 'T' || !Digits(s, 11, 2, out var hour) || s[13] != ':' ||
            !Digits(s, 14, 2, out var minute) || s[16] != ':' || !Digits(s, 17, 2, out var second))
        {
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(1, year), month) || hour > 23 || minute > 59 ||
            second > 60)
        {
            return false;
        }

        var i = 19;
        if (s[i] == '.')
        {
            i++;
            var start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        if (i == s.Length)
        {
            return false;
        }

        if (s[i] == 'Z')
        {
            return i + 1 == s.Length;
        }

        if (s[i] is not ('+' or '-') || s.Length - i != 6 || !Digits(s, i + 1, 2, out var offsetHours) || s[i + 3] != ':' ||
            !Digits(s, i + 4, 2, out var offsetMinutes))
        {
            return false;
        }

        return offsetHours <= 23 && offsetMinutes <= 59;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (i >= s.Length || !char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }
}
