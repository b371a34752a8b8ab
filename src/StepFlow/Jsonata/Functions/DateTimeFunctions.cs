using System.Globalization;
using StepFlow.Json;
using StepFlow.Jsonata.Evaluation;
using static StepFlow.Jsonata.Functions.Library;

namespace StepFlow.Jsonata.Functions;

/// <summary>$now, $millis, $fromMillis, $toMillis.</summary>
internal static class DateTimeFunctions
{
    public static void Register(Dictionary<string, JsonValue> t)
    {
        Add(t, "millis", "<:n>", (ev, a, i, e) => Values.Number(ev.Now.ToUnixTimeMilliseconds()));
        Add(t, "now", "<s?s?:s>", (ev, a, i, e) => new JsonString(FromMillis(ev.Now.ToUnixTimeMilliseconds(), Str(a, 0), Str(a, 1))));
        Add(t, "fromMillis", "<n-s?s?:s>", (ev, a, i, e) => Num(a, 0) is { } ms ? new JsonString(FromMillis((long)Math.Floor(ms), Str(a, 1), Str(a, 2))) : null);
        Add(t, "toMillis", "<s-s?:n>", (ev, a, i, e) =>
        {
            if (Str(a, 0) is not { } s)
            {
                return null;
            }

            var picture = Str(a, 1);
            var ms = picture is null ? ParseIso(s) : DateTimeParser.Parse(s, picture, ev.Now, ev.Level22);
            return ms is { } v ? Values.Number(v) : null;
        });
    }

    public static string FromMillis(long millis, string? picture, string? timezone)
    {
        if (picture is null && timezone is null)
        {
            return ToClock(millis, 0).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        }

        return DateTimeFormatter.Format(millis, picture ?? "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]", timezone);
    }

    /// <summary>
    /// The clock reading <paramref name="offsetMinutes"/> from UTC at <paramref name="millis"/>, as a UTC value whose
    /// fields are that clock's. Fails with D1001 outside the years 1 to 9999, which is all .NET dates can hold
    /// (JavaScript's reach further).
    /// </summary>
    public static DateTimeOffset ToClock(long millis, long offsetMinutes)
    {
        const long MinMillis = -62_135_596_800_000;
        const long MaxMillis = 253_402_300_799_999;
        var offsetMillis = offsetMinutes * 60_000;
        if (millis < MinMillis || millis > MaxMillis || offsetMillis < MinMillis - millis || offsetMillis > MaxMillis - millis)
        {
            throw new JsonataException("D1001", "Number out of range: the date is outside the years 1 to 9999");
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(millis + offsetMillis);
    }

    public static double? ParseIso(string s)
    {
        var formats = new[]
        {
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
            "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH", "yyyy-MM-dd", "yyyy-MM", "yyyy",
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", "yyyy-MM-dd'T'HH:mm:sszzz", "yyyyMMdd",
        };
        var text = s.Trim();
        if (text.Length > 5 && (text.EndsWith("+0000", StringComparison.Ordinal) || text[^5] is '+' or '-') && char.IsAsciiDigit(text[^1]) && text[^3] != ':' && text.Contains('T', StringComparison.Ordinal))
        {
            text = text[..^2] + ":" + text[^2..];
        }

        if (DateTimeOffset.TryParseExact(text, formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var result))
        {
            return result.ToUnixTimeMilliseconds();
        }

        throw new JsonataException("D3110", $"The timestamp string {s} could not be parsed", -1, null, new JsonString(s));
    }
}
