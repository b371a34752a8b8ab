using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using StepFlow.Json;

namespace StepFlow.Jsonata.Functions;

/// <summary>
/// <c>$toMillis(timestamp, picture)</c>: reads a timestamp laid out by an XPath F&amp;O 3.1 date/time picture
/// (section 9.8.4, the pictures <see cref="DateTimeFormatter"/> writes), as jsonata 2.2 does.
/// </summary>
/// <remarks>
/// <para>The picture becomes one anchored, case-insensitive pattern: literals match themselves, each variable
/// marker matches its presentation (digits, ordinal digits, letters, roman numerals, English words, month/day
/// names, am/pm, a timezone offset). An integer marker directly followed by another integer marker reads exactly
/// its mandatory digits, so <c>[Y0001][M01][D01]</c> reads <c>20180327</c>.</para>
/// <para>A timestamp that does not match gives undefined. The components read must form one date set
/// ({Y,M,D} or {Y,d}) and one time set ({H,m,s,f} or {P,h,m,s,f}) without gaps (D3136): components more
/// significant than the first one read come from the evaluation's <c>$now()</c>, less significant ones are
/// the lowest value (1 for month and day, 0 otherwise, am for P). Week-based dates ({X,x,w,F}, {X,W,F}) are not
/// supported (D3136), as in jsonata. Fractional seconds are a fraction: <c>[f1]</c> reading <c>01987</c> is 19 ms.</para>
/// <para>At language level 2.0.6 the fractional-seconds digits are a whole number of milliseconds, as in jsonata 2.0.6
/// (jsonata issue #778, fixed after 2.0.6): <c>[f1]</c> reading <c>01987</c> adds 1,987 ms. Marker widths are read as in
/// 2.2 at both levels.</para>
/// </remarks>
internal static class DateTimeParser
{
    private const double MillisPerDay = 86_400_000d;
    private const int CacheLimit = 256;
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);
    private static readonly string[] Months = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    private static readonly string[] Days = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    private static readonly ConcurrentDictionary<string, Picture> Cache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, Picture> Cache206 = new(StringComparer.Ordinal);

    private static readonly Lazy<string> WordsPattern = new(() =>
    {
        var words = new List<string>(IntegerFormatter.NumberWords) { "and" };
        words.Sort((a, b) => b.Length != a.Length ? b.Length.CompareTo(a.Length) : string.CompareOrdinal(a, b));
        return "(?:" + string.Join('|', words) + @"|[\-, ])+";
    });

    private enum Kind
    {
        Literal,
        Integer,
        Fraction,
        Name,
        Zone,
    }

    /// <summary>
    /// Parses <paramref name="timestamp"/> by <paramref name="picture"/>; missing leading components come from
    /// <paramref name="now"/>. Returns milliseconds since the epoch, or null (undefined) when the text does not match.
    /// <paramref name="level22"/> false reads fractional seconds as jsonata 2.0.6 did.
    /// </summary>
    public static double? Parse(string timestamp, string picture, DateTimeOffset now, bool level22 = true)
    {
        var compiled = Compile(picture, level22);
        Match match;
        try
        {
            match = compiled.Regex.Match(timestamp);
        }
        catch (RegexMatchTimeoutException)
        {
            throw new JsonataException("U1001", "Timestamp parsing timeout");
        }

        if (!match.Success)
        {
            return null;
        }

        var read = new Dictionary<char, double>();
        for (var i = 0; i < compiled.Parts.Count; i++)
        {
            var part = compiled.Parts[i];
            if (part.Kind == Kind.Literal)
            {
                continue;
            }

            if (ReadComponent(part, match.Groups[i + 1].Value) is not { } value)
            {
                return null;
            }

            read[part.Component] = value;
        }

        return read.Count == 0 ? null : Combine(read, now);
    }

    private static Picture Compile(string picture, bool level22)
    {
        var cache = level22 ? Cache : Cache206;
        if (cache.TryGetValue(picture, out var cached))
        {
            return cached;
        }

        var parts = Analyse(picture, level22);
        var pattern = new StringBuilder("^");
        foreach (var part in parts)
        {
            pattern.Append('(').Append(PatternOf(part)).Append(')');
        }

        pattern.Append('$');
        var compiled = new Picture(parts, new Regex(pattern.ToString(), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout));
        if (cache.Count < CacheLimit)
        {
            cache.TryAdd(picture, compiled);
        }

        return compiled;
    }

    /// <summary>Splits the picture into literals and analysed variable markers (section 9.8.4.1).</summary>
    private static List<Part> Analyse(string picture, bool level22)
    {
        var parts = new List<Part>();
        var literal = new StringBuilder();
        void FlushLiteral()
        {
            if (literal.Length > 0)
            {
                parts.Add(new Part(Kind.Literal, '\0') { Literal = literal.ToString() });
                literal.Clear();
            }
        }

        var i = 0;
        while (i < picture.Length)
        {
            var c = picture[i];
            if (c == '[' && i + 1 < picture.Length && picture[i + 1] == '[')
            {
                literal.Append('[');
                i += 2;
                continue;
            }

            if (c == ']' && i + 1 < picture.Length && picture[i + 1] == ']')
            {
                literal.Append(']');
                i += 2;
                continue;
            }

            if (c != '[')
            {
                literal.Append(c);
                i++;
                continue;
            }

            var close = picture.IndexOf(']', i + 1);
            if (close < 0)
            {
                throw new JsonataException("D3135", "No matching closing bracket ']' in date/time picture string", -1, null, new JsonString(picture));
            }

            FlushLiteral();
            var marker = new StringBuilder();
            foreach (var mc in picture.AsSpan(i + 1, close - i - 1))
            {
                if (!char.IsWhiteSpace(mc))
                {
                    marker.Append(mc);
                }
            }

            var part = AnalyseMarker(marker.ToString(), level22);
            if (part.Kind is Kind.Integer or Kind.Fraction && parts.Count > 0 && parts[^1] is { Kind: Kind.Integer or Kind.Fraction, Spec: { } previous } previousPart)
            {
                // Two integer markers with no literal between them: the first one must have a definite width.
                // jsonata 2.0.6 (level V2_0_6) only did this for the date components Y, M and D, so an
                // adjacent hour or minute marker kept matching greedily (fixed after 2.0.6, jsonata #727/#750).
                if (level22 || previousPart.Component is 'Y' or 'M' or 'D')
                {
                    previousPart.FixedWidth = previous.MandatoryDigits;
                }
            }

            parts.Add(part);
            i = close + 1;
        }

        FlushLiteral();
        return parts;
    }

    private static Part AnalyseMarker(string marker, bool level22)
    {
        if (marker.Length == 0 || "YMDdFWwXxHhPmsfZzCE".IndexOf(marker[0], StringComparison.Ordinal) < 0)
        {
            var name = marker.Length == 0 ? string.Empty : marker[..1];
            throw new JsonataException("D3132", $"Unknown component specifier '{name}' in date/time picture string", -1, null, new JsonString(name));
        }

        var component = marker[0];
        var presentation = marker[1..];
        int? minWidth = null, maxWidth = null;
        var comma = presentation.LastIndexOf(',');
        if (comma >= 0)
        {
            var width = presentation[(comma + 1)..];
            presentation = presentation[..comma];
            var dash = width.IndexOf('-', StringComparison.Ordinal);
            minWidth = ParseWidth(dash < 0 ? width : width[..dash]);
            maxWidth = dash < 0 ? null : ParseWidth(width[(dash + 1)..]);
        }

        string? modifier = null;
        if (presentation.Length > 1 && "atco".Contains(presentation[^1], StringComparison.Ordinal))
        {
            modifier = presentation[^1..];
            presentation = presentation[..^1];
        }

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

        if (component is 'Z' or 'z')
        {
            var separator = presentation.FirstOrDefault(ch => !char.IsDigit(ch) && ch != '#');
            return new Part(Kind.Zone, component) { ZoneSeparator = separator == default ? null : separator, AllowZ = modifier == "t" };
        }

        if (presentation[0] is 'n' or 'N')
        {
            if (component is not ('M' or 'x' or 'F' or 'P'))
            {
                throw new JsonataException("D3133", $"The 'name' modifier can only be applied to months and days in the date/time picture string, not {component}", -1, null, new JsonString(component.ToString()));
            }

            return new Part(Kind.Name, component) { MaxWidth = maxWidth };
        }

        if (component is 'C' or 'E')
        {
            throw new JsonataException("D3133", $"The '{component}' component can only be presented as a name and cannot be parsed", -1, null, new JsonString(component.ToString()));
        }

        var spec = IntegerFormatter.Analyse(modifier is null ? presentation : presentation + ";" + modifier);
        if (spec.Primary == IntegerFormatter.Primary.Sequence)
        {
            throw new JsonataException("D3130", $"Formatting or parsing an integer as a sequence starting with {spec.Token} is not supported by this implementation", -1, null, new JsonString(spec.Token));
        }

        if (minWidth is { } min && spec.MandatoryDigits < min)
        {
            spec.MandatoryDigits = min;
        }

        if (component == 'Y' && maxWidth is { } max)
        {
            spec.MandatoryDigits = max;
        }

        return new Part(component == 'f' ? Kind.Fraction : Kind.Integer, component) { Spec = spec, DigitsAreAFraction = level22 };
    }

    private static int? ParseWidth(string text) =>
        text == "*" || !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? null : w;

    private static string PatternOf(Part part)
    {
        switch (part.Kind)
        {
            case Kind.Literal:
                return Regex.Escape(part.Literal);
            case Kind.Name:
                return "[a-z]+";
            case Kind.Zone:
                {
                    var offset = "[-+][0-9]+" + (part.ZoneSeparator is { } sep ? Regex.Escape(sep.ToString()) + "[0-9]+" : string.Empty);
                    var text = (part.Component == 'z' ? "GMT" : string.Empty) + offset;
                    return part.AllowZ ? text + "|Z" : text;
                }
        }

        var spec = part.Spec!;
        switch (spec.Primary)
        {
            case IntegerFormatter.Primary.Letters:
                return "[a-z]+";
            case IntegerFormatter.Primary.Roman:
                return "[mdclxvi]+";
            case IntegerFormatter.Primary.Words:
                return WordsPattern.Value;
            default:
                {
                    var zero = (char)spec.ZeroCode;
                    var digit = spec.ZeroCode == '0' ? "[0-9]" : $"[{zero}-{(char)(zero + 9)}]";
                    var count = part.FixedWidth is { } n && n > 0 ? "{" + n.ToString(CultureInfo.InvariantCulture) + "}" : "+";
                    return digit + count + (spec.Ordinal ? "(?:st|nd|rd|th)" : string.Empty);
                }
        }
    }

    private static double? ReadComponent(Part part, string text)
    {
        switch (part.Kind)
        {
            case Kind.Name:
                return ReadName(part, text);
            case Kind.Zone:
                return ReadZone(part, text);
            case Kind.Fraction when part.DigitsAreAFraction && part.Spec!.Primary == IntegerFormatter.Primary.Decimal:
                {
                    // A fraction of a second: the first three digits are the milliseconds, further digits are dropped.
                    var digits = new StringBuilder();
                    foreach (var ch in text)
                    {
                        var d = ch - part.Spec.ZeroCode;
                        if (d is >= 0 and <= 9)
                        {
                            digits.Append((char)('0' + d));
                        }
                    }

                    var millis = digits.ToString().PadRight(3, '0')[..3];
                    return int.Parse(millis, NumberStyles.None, CultureInfo.InvariantCulture);
                }
        }

        var spec = part.Spec!;
        if (spec.Primary == IntegerFormatter.Primary.Letters)
        {
            text = spec.Case == IntegerFormatter.Case.Upper ? text.ToUpperInvariant() : text.ToLowerInvariant();
        }

        return IntegerFormatter.Parse(text, spec);
    }

    private static double? ReadName(Part part, string text)
    {
        if (part.Component == 'P')
        {
            return text.ToLowerInvariant() switch
            {
                "am" => 0,
                "pm" => 1,
                _ => null,
            };
        }

        var names = part.Component == 'F' ? Days : Months;
        for (var i = 0; i < names.Length; i++)
        {
            var name = part.MaxWidth is { } max && max > 0 && max < names[i].Length ? names[i][..max] : names[i];
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return i + 1;
            }
        }

        return null;
    }

    /// <summary>The offset in minutes east of UTC.</summary>
    private static double? ReadZone(Part part, string text)
    {
        if (part.Component == 'z' && text.StartsWith("GMT", StringComparison.OrdinalIgnoreCase))
        {
            text = text[3..];
        }

        if (text is "Z" or "z")
        {
            return 0;
        }

        var sign = text[0] == '-' ? -1 : 1;
        var body = text[1..];
        double hours, minutes = 0;
        if (part.ZoneSeparator is { } sep)
        {
            var at = body.IndexOf(sep, StringComparison.Ordinal);
            hours = double.Parse(body[..at], NumberStyles.None, CultureInfo.InvariantCulture);
            minutes = double.Parse(body[(at + 1)..], NumberStyles.None, CultureInfo.InvariantCulture);
        }
        else if (body.Length <= 2)
        {
            hours = double.Parse(body, NumberStyles.None, CultureInfo.InvariantCulture);
        }
        else if (body.Length <= 4)
        {
            hours = double.Parse(body[..^2], NumberStyles.None, CultureInfo.InvariantCulture);
            minutes = double.Parse(body[^2..], NumberStyles.None, CultureInfo.InvariantCulture);
        }
        else
        {
            return null;
        }

        return sign * ((hours * 60) + minutes);
    }

    /// <summary>Picks the date and time sets, fills the missing components and computes the instant.</summary>
    private static double? Combine(Dictionary<char, double> read, DateTimeOffset now)
    {
        bool Fits(string allowed, string forbidden) =>
            read.Keys.Any(allowed.Contains) && !read.Keys.Any(forbidden.Contains);

        // Date sets over Y X M x W w d D (F is never decisive); time sets over P H h m s f.
        var yearMonthDay = Fits("YMD", "XxWwd");
        var yearDay = !yearMonthDay && Fits("Yd", "XMxWwD");
        var weekOfMonth = Fits("Xxw", "YMWdD");
        var weekOfYear = !weekOfMonth && Fits("XW", "YMxwdD");
        if (weekOfMonth || weekOfYear)
        {
            throw new JsonataException("D3136", "The date/time picture string is missing specifiers required to parse the timestamp: week-based dates are not supported");
        }

        var twelveHour = !Fits("Hmsf", "Ph") && Fits("Phmsf", "H");
        var order = (yearDay ? "Yd" : "YMD") + (twelveHour ? "Phmsf" : "Hmsf");

        var utc = now.UtcDateTime;
        var values = new Dictionary<char, double>(read);
        var started = false;
        var ended = false;
        foreach (var c in order)
        {
            if (read.ContainsKey(c))
            {
                if (ended)
                {
                    throw new JsonataException("D3136", "The date/time picture string is missing specifiers required to parse the timestamp");
                }

                started = true;
            }
            else if (started)
            {
                values[c] = c is 'M' or 'D' or 'd' ? 1 : 0;
                ended = true;
            }
            else
            {
                values[c] = c switch
                {
                    'Y' => utc.Year,
                    'M' => utc.Month,
                    'D' => utc.Day,
                    'd' => utc.DayOfYear,
                    'H' => utc.Hour,
                    'h' => utc.Hour % 12 == 0 ? 12 : utc.Hour % 12,
                    'm' => utc.Minute,
                    's' => utc.Second,
                    'f' => utc.Millisecond,
                    _ => 0, // P: no am/pm given means am
                };
            }
        }

        var hour = values.GetValueOrDefault('H');
        if (twelveHour)
        {
            hour = (values['h'] == 12 ? 0 : values['h']) + (values['P'] == 1 ? 12 : 0);
        }

        // As JavaScript's Date.UTC: years 0 to 99 mean 1900 to 1999, and out-of-range months and days carry over.
        var year = values['Y'];
        if (year is >= 0 and <= 99)
        {
            year += 1900;
        }

        double days;
        if (yearDay)
        {
            days = DaysFromCivil(year, 1) + values['d'] - 1;
        }
        else
        {
            var monthIndex = values['M'] > 0 ? values['M'] - 1 : 0;
            days = DaysFromCivil(year + Math.Floor(monthIndex / 12), (int)(monthIndex - (12 * Math.Floor(monthIndex / 12))) + 1) + values['D'] - 1;
        }

        var millis = (days * MillisPerDay) + (hour * 3_600_000d) + (values['m'] * 60_000d) + (values['s'] * 1000d) + values['f'];
        var zone = read.TryGetValue('Z', out var z) ? z : read.GetValueOrDefault('z');
        millis -= zone * 60_000d;

        // Beyond JavaScript's time range (±8.64e15 ms) there is no timestamp.
        return double.IsFinite(millis) && Math.Abs(millis) <= 8.64e15 ? millis : null;
    }

    /// <summary>Days from 1970-01-01 to the first of the month in the proleptic Gregorian calendar.</summary>
    private static double DaysFromCivil(double year, int month)
    {
        var y = month <= 2 ? year - 1 : year;
        var era = Math.Floor(y / 400);
        var yearOfEra = y - (era * 400);
        var dayOfYear = Math.Floor(((153 * (month > 2 ? month - 3 : month + 9)) + 2) / 5d);
        var dayOfEra = (yearOfEra * 365) + Math.Floor(yearOfEra / 4) - Math.Floor(yearOfEra / 100) + dayOfYear;
        return (era * 146_097) + dayOfEra - 719_468;
    }

    private sealed record Picture(List<Part> Parts, Regex Regex);

    private sealed class Part(Kind kind, char component)
    {
        public Kind Kind { get; } = kind;

        public char Component { get; } = component;

        public string Literal { get; init; } = string.Empty;

        public IntegerFormatter.Spec? Spec { get; init; }

        public int? FixedWidth { get; set; }

        public int? MaxWidth { get; init; }

        public char? ZoneSeparator { get; init; }

        public bool AllowZ { get; init; }

        public bool DigitsAreAFraction { get; init; }
    }
}
