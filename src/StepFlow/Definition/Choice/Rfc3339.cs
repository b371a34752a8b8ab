namespace StepFlow.Definition.Choice;

/// <summary>
/// The one reader of ASL timestamps, used wherever one is checked or read: the definition validator, the parser, a Wait
/// state's <c>Timestamp</c>/<c>TimestampPath</c> and the Choice timestamp rules. ASL asks for the RFC 3339 profile of
/// ISO 8601 with an uppercase <c>T</c> and <c>Z</c>; AWS reads it as an ISO-8601 extended offset date-time, so:
/// <c>YYYY-MM-DDThh:mm:ss</c>, then 1 to 9 fractional digits after a dot if any, then <c>Z</c> or <c>±hh:mm</c> of at
/// most 18 hours; seconds 00–59 (no leap second); year 0001 or later, and an instant that a
/// <see cref="DateTimeOffset"/> can hold.
/// </summary>
internal static class Rfc3339
{
    /// <summary>The most fractional digits a timestamp may have (nanoseconds).</summary>
    private const int MaxFractionDigits = 9;

    /// <summary>The largest offset from UTC, in minutes (±18:00).</summary>
    private const int MaxOffsetMinutes = 18 * 60;

    /// <summary>The largest offset a <see cref="DateTimeOffset"/> can carry, in minutes (±14:00).</summary>
    private const int MaxKeptOffsetMinutes = 14 * 60;

    /// <summary>Whether <paramref name="text"/> is a timestamp <see cref="TryParse"/> accepts.</summary>
    public static bool IsValid(string text) => TryParse(text, out _);

    /// <summary>
    /// Reads a timestamp; false when it is not one. Digits past the seventh fractional one (finer than a tick) are
    /// dropped. An offset beyond ±14:00, which <see cref="DateTimeOffset"/> cannot carry, gives the same instant in UTC.
    /// </summary>
    public static bool TryParse(string text, out DateTimeOffset value)
    {
        value = default;
        if (text is null)
        {
            return false;
        }

        var s = text.AsSpan();
        if (s.Length < 20 ||
            !Digits(s, 0, 4, out var year) || s[4] != '-' || !Digits(s, 5, 2, out var month) || s[7] != '-' ||
            !Digits(s, 8, 2, out var day) || s[10] != 'T' || !Digits(s, 11, 2, out var hour) || s[13] != ':' ||
            !Digits(s, 14, 2, out var minute) || s[16] != ':' || !Digits(s, 17, 2, out var second))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 ||
            minute > 59 || second > 59)
        {
            return false;
        }

        var i = 19;
        long fractionTicks = 0;
        if (s[i] == '.')
        {
            var start = ++i;
            var scale = TimeSpan.TicksPerSecond;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                scale /= 10;
                fractionTicks += (s[i] - '0') * scale;
                i++;
            }

            if (i == start || i - start > MaxFractionDigits)
            {
                return false;
            }
        }

        if (i == s.Length)
        {
            return false;
        }

        var offsetMinutes = 0;
        if (s[i] == 'Z')
        {
            if (i + 1 != s.Length)
            {
                return false;
            }
        }
        else
        {
            if (s[i] is not ('+' or '-') || s.Length - i != 6 || !Digits(s, i + 1, 2, out var offsetHours) || s[i + 3] != ':' ||
                !Digits(s, i + 4, 2, out var offsetMinutesPart) || offsetMinutesPart > 59)
            {
                return false;
            }

            offsetMinutes = (offsetHours * 60) + offsetMinutesPart;
            if (offsetMinutes > MaxOffsetMinutes)
            {
                return false;
            }

            offsetMinutes = s[i] == '-' ? -offsetMinutes : offsetMinutes;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).Ticks + fractionTicks;
        var utc = local - (offsetMinutes * TimeSpan.TicksPerMinute);
        if (utc < DateTime.MinValue.Ticks || utc > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        value = Math.Abs(offsetMinutes) <= MaxKeptOffsetMinutes
            ? new DateTimeOffset(local, TimeSpan.FromMinutes(offsetMinutes))
            : new DateTimeOffset(utc, TimeSpan.Zero);
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }

            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }
}
