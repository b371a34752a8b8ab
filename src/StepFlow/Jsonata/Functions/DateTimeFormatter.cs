using System.Globalization;
using System.Text;
using StepFlow.Json;
using StepFlow.Jsonata.Evaluation;

namespace StepFlow.Jsonata.Functions;

/// <summary>$fromMillis / $now picture strings: XPath F&amp;O 3.1 section 9.8.4 (format-dateTime).</summary>
internal static class DateTimeFormatter
{
    private static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    public static string Format(long millis, string picture, string? timezone)
    {
        var offsetMinutes = 0;
        if (!string.IsNullOrEmpty(timezone))
        {
            var tz = timezone.Replace(":", string.Empty, StringComparison.Ordinal);
            var sign = tz[0] == '-' ? -1 : 1;
            var digits = tz.TrimStart('+', '-');
            if (int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var hhmm))
            {
                offsetMinutes = sign * (((hhmm / 100) * 60) + (hhmm % 100));
            }
        }

        for (var k = 0; k < picture.Length; k++)
        {
            if (picture[k] == '[')
            {
                if (k + 1 < picture.Length && picture[k + 1] == '[')
                {
                    k++;
                    continue;
                }

                var close = picture.IndexOf(']', k + 1);
                if (close < 0)
                {
                    throw new JsonataException("D3135", "No matching closing bracket ']' in date/time picture string", -1, null, new JsonString(picture));
                }

                k = close;
            }
        }

        // The clock fields are those of UTC shifted by the offset (as the reference does), so an offset beyond
        // ±14 h is read like any other; a date outside the years 1 to 9999 fails with D1001.
        var dt = DateTimeFunctions.ToClock(millis, offsetMinutes);
        var sb = new StringBuilder();
        var i = 0;
        while (i < picture.Length)
        {
            var c = picture[i];
            if (c == '[')
            {
                if (i + 1 < picture.Length && picture[i + 1] == '[')
                {
                    sb.Append('[');
                    i += 2;
                    continue;
                }

                var end = picture.IndexOf(']', i + 1);
                if (end < 0)
                {
                    throw new JsonataException("D3135", "No matching closing bracket ']' in date/time picture string", -1, null, new JsonString(picture));
                }

                var marker = new StringBuilder();
                foreach (var mc in picture.AsSpan(i + 1, end - i - 1))
                {
                    if (!char.IsWhiteSpace(mc))
                    {
                        marker.Append(mc);
                    }
                }

                sb.Append(FormatComponent(dt, marker.ToString(), offsetMinutes));
                i = end + 1;
                continue;
            }

            if (c == ']' && i + 1 < picture.Length && picture[i + 1] == ']')
            {
                i++;
            }

            sb.Append(c);
            i++;
        }

        return sb.ToString();
    }

    /// <summary>The widest a width modifier (<c>[Y,10]</c>) may ask a component to be.</summary>
    private const int MaxWidth = 1_000;

    /// <summary>
    /// A width of the picture's width modifier as the reference reads it (JavaScript's parseInt): a leading
    /// integer, or no width ("*", or no digits at all, which is NaN there).
    /// </summary>
    private static int? ParseWidth(string text)
    {
        var span = text.AsSpan().TrimStart();
        var negative = span.Length > 0 && span[0] == '-';
        if (span.Length > 0 && span[0] is '-' or '+')
        {
            span = span[1..];
        }

        var digits = 0;
        while (digits < span.Length && char.IsAsciiDigit(span[digits]))
        {
            digits++;
        }

        if (digits == 0)
        {
            return null;
        }

        var value = digits > 10 ? int.MaxValue : Math.Min(long.Parse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture), int.MaxValue);
        if (!negative && value > MaxWidth)
        {
            throw new JsonataException("U1001", string.Create(CultureInfo.InvariantCulture, $"The width modifier {text} of a date/time picture is larger than {MaxWidth}"));
        }

        return (int)(negative ? -value : value);
    }

    private static string FormatComponent(DateTimeOffset dt, string marker, int offsetMinutes)
    {
        if (marker.Length == 0)
        {
            throw new JsonataException("D3137", "Empty date/time component");
        }

        var component = marker[0];
        var rest = marker[1..];
        string? widthText = null;
        var comma = rest.LastIndexOf(',');
        if (comma >= 0)
        {
            widthText = rest[(comma + 1)..];
            rest = rest[..comma];
        }

        int? minWidth = null, maxWidth = null;
        if (widthText is not null)
        {
            var dash = widthText.IndexOf('-', StringComparison.Ordinal);
            minWidth = ParseWidth(dash < 0 ? widthText : widthText[..dash]);
            maxWidth = dash < 0 ? null : ParseWidth(widthText[(dash + 1)..]);
        }

        var presentation = rest;
        var ordinal = false;
        var traditional = false;
        if (presentation.Length > 1 && presentation[^1] is 'o' or 't' && !(presentation is "Nn" or "Ww"))
        {
            ordinal = presentation[^1] == 'o';
            traditional = presentation[^1] == 't';
            presentation = presentation[..^1];
        }

        var defaulted = presentation.Length == 0;
        if (presentation.Length == 0)
        {
            presentation = component switch
            {
                'F' or 'P' or 'C' or 'E' => "n",
                'm' or 's' => "01",
                'Z' or 'z' => "01:01",
                _ => "1",
            };
        }

        if ("YMDdFWwXxHhPmsfZzCE".IndexOf(component, StringComparison.Ordinal) < 0)
        {
            throw new JsonataException("D3132", $"Unknown component specifier {component} in date/time picture string", -1, null, new JsonString(component.ToString()));
        }

        switch (component)
        {
            case 'Z' or 'z':
                return FormatZone(component, presentation, traditional, offsetMinutes);
            case 'C' or 'E':
                return "ISO";
            case 'P':
                {
                    var ampm = dt.Hour < 12 ? "am" : "pm";
                    return presentation == "N" ? ampm.ToUpperInvariant() : ampm;
                }

            case 'f':
                {
                    var frac = dt.Millisecond.ToString("000", CultureInfo.InvariantCulture);
                    var digits = presentation.Count(char.IsAsciiDigit);
                    var width = Math.Max(digits, minWidth ?? 0);
                    if (maxWidth is { } mx && width > mx)
                    {
                        width = mx;
                    }

                    if (width <= 3)
                    {
                        return frac[..Math.Max(1, width)];
                    }

                    return frac + new string('0', width - 3);
                }
        }

        var value = component switch
        {
            'Y' => dt.Year,
            'M' => dt.Month,
            'D' => dt.Day,
            'd' => dt.DayOfYear,
            'F' => dt.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)dt.DayOfWeek,
            'W' => ISOWeek.GetWeekOfYear(dt.DateTime),
            'X' => ISOWeek.GetYear(dt.DateTime),
            'w' => WeekOfMonth(dt.DateTime).Week,
            'x' => WeekOfMonth(dt.DateTime).Month,
            'H' => dt.Hour,
            'h' => dt.Hour % 12 == 0 ? 12 : dt.Hour % 12,
            'm' => dt.Minute,
            _ => dt.Second,
        };

        if (presentation[0] is 'N' or 'n')
        {
            string name;
            if (component is 'M' or 'x')
            {
                name = Months[value - 1];
            }
            else if (component == 'F')
            {
                name = Days[value - 1];
            }
            else
            {
                throw new JsonataException("D3133", $"The 'name' modifier can only be applied to months and days in the date/time picture string, not {component}", -1, null, new JsonString(component.ToString()));
            }

            name = presentation switch
            {
                "N" => name.ToUpperInvariant(),
                "n" => name.ToLowerInvariant(),
                _ => name,
            };
            if (maxWidth is { } w && name.Length > w)
            {
                name = name[..Math.Max(0, w)];
            }

            return name;
        }

        var picture = presentation + (ordinal ? ";o" : string.Empty);
        var spec = IntegerFormatter.Analyse(picture);
        if (spec.Primary == IntegerFormatter.Primary.Decimal && minWidth is { } min && spec.MandatoryDigits < min)
        {
            spec.MandatoryDigits = min;
        }

        var text = IntegerFormatter.Format(value, spec);
        var yearWidth = maxWidth ?? (defaulted && widthText is not null && !widthText.Contains('-', StringComparison.Ordinal) ? minWidth : null);
        if (component == 'Y' && yearWidth is { } yw && spec.Primary == IntegerFormatter.Primary.Decimal && text.Length > yw)
        {
            text = text[Math.Min(text.Length, text.Length - yw)..];
        }
        else if (component == 'Y' && widthText is null && spec.Primary == IntegerFormatter.Primary.Decimal && spec.MandatoryDigits == 2 && presentation.Length == 2)
        {
            text = text[^2..];
        }

        return text;
    }

    private static (int Week, int Month) WeekOfMonth(DateTime date)
    {
        // The week containing the month's first Thursday is week 1 (ISO rule applied within the month).
        static DateTime FirstWeekStart(int year, int month)
        {
            var first = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
            var dow = first.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)first.DayOfWeek;
            return dow <= 4 ? first.AddDays(1 - dow) : first.AddDays(8 - dow);
        }

        var day = date.Date;
        var start = FirstWeekStart(day.Year, day.Month);
        var year = day.Year;
        var month = day.Month;
        if (day < start)
        {
            var prev = day.AddMonths(-1);
            year = prev.Year;
            month = prev.Month;
            start = FirstWeekStart(year, month);
        }
        else
        {
            var next = day.AddMonths(1);
            var nextStart = FirstWeekStart(next.Year, next.Month);
            if (day >= nextStart)
            {
                year = next.Year;
                month = next.Month;
                start = nextStart;
            }
        }

        _ = year;
        return (((day - start).Days / 7) + 1, month);
    }

    private static string FormatZone(char component, string presentation, bool traditional, int offsetMinutes)
    {
        if (component == 'Z' && offsetMinutes == 0 && traditional)
        {
            return "Z";
        }

        var sign = offsetMinutes < 0 ? "-" : "+";
        var abs = Math.Abs(offsetMinutes);
        var hours = abs / 60;
        var minutes = abs % 60;
        var digits = presentation.Count(char.IsAsciiDigit);
        string text;
        if (presentation.Contains(':', StringComparison.Ordinal) || digits > 2)
        {
            if (digits > 4)
            {
                throw new JsonataException("D3134", "The timezone integer format specifier cannot have more than four digits");
            }

            var colon = presentation.Contains(':', StringComparison.Ordinal) ? ":" : string.Empty;
            var hourDigits = presentation.Contains(':', StringComparison.Ordinal) ? presentation.IndexOf(':', StringComparison.Ordinal) : digits - 2;
            text = sign + hours.ToString(new string('0', Math.Max(1, hourDigits)), CultureInfo.InvariantCulture) + colon + minutes.ToString("00", CultureInfo.InvariantCulture);
        }
        else
        {
            text = sign + hours.ToString(new string('0', Math.Max(1, digits)), CultureInfo.InvariantCulture);
            if (minutes != 0)
            {
                text += ":" + minutes.ToString("00", CultureInfo.InvariantCulture);
            }
        }

        return component == 'z' ? "GMT" + text : text;
    }
}
