using System.Globalization;
using System.Text;
using StepFlow.Json;
using StepFlow.Jsonata.Evaluation;

namespace StepFlow.Jsonata.Functions;

/// <summary>$formatInteger and $parseInteger: XPath F&amp;O 3.1 integer pictures (digits, grouping, a/A, i/I, w/W/Ww, ;o).</summary>
internal static class IntegerFormatter
{
    internal static readonly int[] DecimalGroups =
    [
        0x30, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6, 0x0E50, 0x0ED0,
        0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0,
        0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    ];

    private static readonly string[] Few = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
    private static readonly string[] Ordinals = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth"];
    private static readonly string[] Decades = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred"];
    private static readonly string[] OrdinalTens = ["twentieth", "thirtieth", "fortieth", "fiftieth", "sixtieth", "seventieth", "eightieth", "ninetieth", "hundredth"];
    private static readonly string[] Magnitudes = ["thousand", "million", "billion", "trillion"];
    private static readonly Lazy<Dictionary<string, double>> WordValues = new(() =>
    {
        var d = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var i = 0; i < Few.Length; i++)
        {
            d[Few[i]] = i;
            d[Ordinals[i]] = i;
        }

        for (var i = 0; i < Decades.Length; i++)
        {
            d[Decades[i]] = (i + 2) * 10;
            d[OrdinalTens[i]] = (i + 2) * 10;
        }

        for (var i = 0; i < Magnitudes.Length; i++)
        {
            var v = Math.Pow(10, (i + 1) * 3);
            d[Magnitudes[i]] = v;
            d[Magnitudes[i] + "th"] = v;
        }

        return d;
    });

    /// <summary>Every English number word <see cref="Parse(string, Spec)"/> understands (lower case, cardinal and ordinal).</summary>
    internal static IEnumerable<string> NumberWords => WordValues.Value.Keys;

    internal enum Primary
    {
        Decimal,
        Letters,
        Roman,
        Words,
        Sequence,
    }

    internal enum Case
    {
        Lower,
        Upper,
        Title,
    }

    internal sealed class Spec
    {
        public Primary Primary { get; set; } = Primary.Decimal;

        public Case Case { get; set; } = Case.Lower;

        public bool Ordinal { get; set; }

        public int ZeroCode { get; set; } = 0x30;

        public int MandatoryDigits { get; set; }

        public int OptionalDigits { get; set; }

        public bool Regular { get; set; }

        public List<(int Position, string Character)> Separators { get; set; } = [];

        public string Token { get; set; } = string.Empty;
    }

    public static string Format(double value, string picture) => Format(Math.Floor(value), Analyse(picture));

    internal static Spec Analyse(string picture)
    {
        var spec = new Spec();
        var semicolon = picture.LastIndexOf(';');
        var primary = picture;
        if (semicolon >= 0)
        {
            primary = picture[..semicolon];
            var modifier = picture[(semicolon + 1)..];
            if (modifier.StartsWith('o'))
            {
                spec.Ordinal = true;
            }
        }

        switch (primary)
        {
            case "A":
                spec.Case = Case.Upper;
                spec.Primary = Primary.Letters;
                break;
            case "a":
                spec.Primary = Primary.Letters;
                break;
            case "I":
                spec.Case = Case.Upper;
                spec.Primary = Primary.Roman;
                break;
            case "i":
                spec.Primary = Primary.Roman;
                break;
            case "W":
                spec.Case = Case.Upper;
                spec.Primary = Primary.Words;
                break;
            case "Ww":
                spec.Case = Case.Title;
                spec.Primary = Primary.Words;
                break;
            case "w":
                spec.Primary = Primary.Words;
                break;
            default:
                {
                    int? zeroCode = null;
                    var separatorPosition = 0;
                    var codePoints = new List<int>();
                    for (var i = 0; i < primary.Length; i += char.IsSurrogatePair(primary, i) ? 2 : 1)
                    {
                        codePoints.Add(CodePointAt(primary, i));
                    }

                    codePoints.Reverse();
                    foreach (var cp in codePoints)
                    {
                        var digit = false;
                        foreach (var group in DecimalGroups)
                        {
                            if (cp >= group && cp <= group + 9)
                            {
                                digit = true;
                                spec.MandatoryDigits++;
                                separatorPosition++;
                                if (zeroCode is null)
                                {
                                    zeroCode = group;
                                }
                                else if (group != zeroCode)
                                {
                                    throw new JsonataException("D3131", "In a decimal digit pattern, all digits must be from the same decimal group");
                                }

                                break;
                            }
                        }

                        if (!digit)
                        {
                            if (cp == '#')
                            {
                                separatorPosition++;
                                spec.OptionalDigits++;
                            }
                            else
                            {
                                spec.Separators.Add((separatorPosition, CodePointText(cp)));
                            }
                        }
                    }

                    if (spec.MandatoryDigits > 0)
                    {
                        spec.ZeroCode = zeroCode ?? 0x30;
                        var regular = RegularSeparator(spec.Separators);
                        if (regular is { } r)
                        {
                            spec.Regular = true;
                            spec.Separators = [r];
                        }
                    }
                    else
                    {
                        spec.Primary = Primary.Sequence;
                        spec.Token = primary;
                    }

                    break;
                }
        }

        return spec;
    }

    private static (int, string)? RegularSeparator(List<(int Position, string Character)> separators)
    {
        if (separators.Count == 0)
        {
            return null;
        }

        var c = separators[0].Character;
        foreach (var s in separators)
        {
            if (s.Character != c)
            {
                return null;
            }
        }

        var factor = 0;
        foreach (var s in separators)
        {
            factor = Gcd(s.Position, factor);
        }

        for (var index = 1; index <= separators.Count; index++)
        {
            if (!separators.Exists(s => s.Position == index * factor))
            {
                return null;
            }
        }

        // Separators all at position 0 give a factor of 0, which the reference treats as irregular.
        return factor == 0 ? null : (factor, c);
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);

    internal static string Format(double value, Spec spec)
    {
        var negative = value < 0;
        value = Math.Abs(value);
        string result;
        switch (spec.Primary)
        {
            case Primary.Letters:
                result = ToLetters(value, spec.Case == Case.Upper ? 'A' : 'a');
                break;
            case Primary.Roman:
                result = ToRoman(value);
                if (spec.Case == Case.Upper)
                {
                    result = result.ToUpperInvariant();
                }

                break;
            case Primary.Words:
                result = ToWords(value, spec.Ordinal);
                if (spec.Case == Case.Upper)
                {
                    result = result.ToUpperInvariant();
                }
                else if (spec.Case == Case.Title)
                {
                    result = TitleCase(result);
                }

                break;
            case Primary.Decimal:
                {
                    result = Values.FormatJs(value);
                    if (spec.MandatoryDigits > result.Length)
                    {
                        result = new string('0', spec.MandatoryDigits - result.Length) + result;
                    }

                    if (spec.ZeroCode != 0x30)
                    {
                        var sb = new StringBuilder();
                        foreach (var ch in result)
                        {
                            sb.Append(char.IsAsciiDigit(ch) ? char.ConvertFromUtf32(ch - '0' + spec.ZeroCode) : ch.ToString());
                        }

                        result = sb.ToString();
                    }

                    result = InsertSeparators(result, spec);
                    if (spec.Ordinal)
                    {
                        result += OrdinalSuffix(result);
                    }

                    break;
                }

            default:
                throw new JsonataException("D3130", $"Formatting or parsing an integer as a sequence starting with {spec.Token} is not supported by this implementation", -1, null, new JsonString(spec.Token));
        }

        return negative ? "-" + result : result;
    }

    private static string InsertSeparators(string digits, Spec spec)
    {
        var chars = Library.CodePoints(digits);
        if (spec.Regular)
        {
            var (position, character) = spec.Separators[0];
            var n = (chars.Count - 1) / position;
            for (var ii = n; ii > 0; ii--)
            {
                chars.Insert(chars.Count - (ii * position), character);
            }
        }
        else
        {
            for (var i = spec.Separators.Count - 1; i >= 0; i--)
            {
                var (position, character) = spec.Separators[i];
                var pos = chars.Count - position;
                if (pos >= 0)
                {
                    chars.Insert(pos, character);
                }
            }
        }

        return string.Concat(chars);
    }

    internal static string OrdinalSuffix(string digits)
    {
        var last = digits[^1];
        var suffix = last switch { '1' => "st", '2' => "nd", '3' => "rd", _ => "th" };
        if (digits.Length > 1 && digits[^2] == '1')
        {
            suffix = "th";
        }

        return suffix;
    }

    private static string TitleCase(string words)
    {
        var sb = new StringBuilder(words.Length);
        var start = true;
        for (var i = 0; i < words.Length; i++)
        {
            var c = words[i];
            if (start && char.IsLetter(c) && !(words.AsSpan(i).StartsWith("and ", StringComparison.Ordinal) && (i == 0 || words[i - 1] == ' ')))
            {
                sb.Append(char.ToUpperInvariant(c));
            }
            else
            {
                sb.Append(c);
            }

            start = c is ' ' or '-';
        }

        return sb.ToString();
    }

    internal static string ToLetters(double value, char a)
    {
        var sb = new StringBuilder();
        while (value > 0)
        {
            sb.Insert(0, (char)(((value - 1) % 26) + a));
            value = Math.Floor((value - 1) / 26);
        }

        return sb.ToString();
    }

    private static readonly (int Value, string Letters)[] RomanNumerals =
    [
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ];

    /// <summary>The largest number written in Roman numerals: beyond it the numeral (a thousand 'm's per million) is refused.</summary>
    internal const double MaxRomanValue = 1e9;

    /// <summary>
    /// The code point at <paramref name="index"/> of <paramref name="text"/>, as JavaScript's codePointAt reads it: a lone
    /// surrogate is its own code unit.
    /// </summary>
    private static int CodePointAt(string text, int index) =>
        char.IsSurrogatePair(text, index) ? char.ConvertToUtf32(text, index) : text[index];

    /// <summary>The text of code point <paramref name="codePoint"/>; a lone surrogate (from <see cref="CodePointAt"/>) is that one code unit.</summary>
    private static string CodePointText(int codePoint) =>
        codePoint is >= 0xD800 and <= 0xDFFF ? ((char)codePoint).ToString() : char.ConvertFromUtf32(codePoint);

    internal static string ToRoman(double value)
    {
        if (value > MaxRomanValue)
        {
            throw new JsonataException(
                "U1001",
                string.Create(CultureInfo.InvariantCulture, $"Expression evaluation size limit exceeded: {value} in Roman numerals is larger than {MaxRomanValue}"));
        }

        var sb = new StringBuilder();
        foreach (var (v, letters) in RomanNumerals)
        {
            while (value >= v)
            {
                sb.Append(letters);
                value -= v;
            }
        }

        return sb.ToString();
    }

    internal static string ToWords(double value, bool ordinal) => Lookup(value, false, ordinal);

    private static string Lookup(double num, bool prev, bool ord)
    {
        string words;
        if (num <= 19)
        {
            words = (prev ? " and " : string.Empty) + (ord ? Ordinals[(int)num] : Few[(int)num]);
        }
        else if (num < 100)
        {
            var tens = (int)Math.Floor(num / 10);
            var remainder = num % 10;
            words = (prev ? " and " : string.Empty) + (ord && remainder == 0 ? OrdinalTens[tens - 2] : Decades[tens - 2]);
            if (remainder > 0)
            {
                words += "-" + Lookup(remainder, false, ord);
            }
        }
        else if (num < 1000)
        {
            var hundreds = (int)Math.Floor(num / 100);
            var remainder = num % 100;
            words = (prev ? ", " : string.Empty) + Few[hundreds] + " hundred";
            if (remainder == 0 && ord)
            {
                words += "th";
            }
            else if (remainder > 0)
            {
                words += Lookup(remainder, true, ord);
            }
        }
        else
        {
            var mag = (int)Math.Floor(Math.Log10(num) / 3);
            if (mag > Magnitudes.Length)
            {
                mag = Magnitudes.Length;
            }

            var factor = Math.Pow(10, mag * 3);
            var mant = Math.Floor(num / factor);
            var remainder = num - (mant * factor);
            words = (prev ? ", " : string.Empty) + Lookup(mant, false, false) + " " + Magnitudes[mag - 1];
            if (remainder == 0 && ord)
            {
                words += "th";
            }
            else if (remainder > 0)
            {
                words += Lookup(remainder, true, ord);
            }
        }

        return words;
    }

    public static JsonValue? Parse(string value, string picture)
    {
        var spec = Analyse(picture);
        var result = Parse(value, spec);
        return result is { } d ? Values.Number(d) : null;
    }

    internal static double? Parse(string value, Spec spec)
    {
        switch (spec.Primary)
        {
            case Primary.Letters:
                {
                    var a = spec.Case == Case.Upper ? 'A' : 'a';
                    double result = 0;
                    for (var i = 0; i < value.Length; i++)
                    {
                        result += (value[value.Length - i - 1] - a + 1) * Math.Pow(26, i);
                    }

                    return result;
                }

            case Primary.Roman:
                {
                    double result = 0;
                    var max = 1;
                    for (var i = value.Length - 1; i >= 0; i--)
                    {
                        var v = char.ToLowerInvariant(value[i]) switch { 'm' => 1000, 'd' => 500, 'c' => 100, 'l' => 50, 'x' => 10, 'v' => 5, 'i' => 1, _ => 0 };
                        if (v < max)
                        {
                            result -= v;
                        }
                        else
                        {
                            max = v;
                            result += v;
                        }
                    }

                    return result;
                }

            case Primary.Words:
                {
                    var parts = System.Text.RegularExpressions.Regex.Split(value.ToLowerInvariant(), @",\s|\sand\s|[\s\-]");
                    var segs = new List<double> { 0 };
                    foreach (var part in parts)
                    {
                        if (!WordValues.Value.TryGetValue(part, out var v))
                        {
                            return null;
                        }

                        if (v < 100)
                        {
                            var top = segs[^1];
                            segs.RemoveAt(segs.Count - 1);
                            if (top >= 1000)
                            {
                                segs.Add(top);
                                top = 0;
                            }

                            segs.Add(top + v);
                        }
                        else
                        {
                            var top = segs[^1];
                            segs.RemoveAt(segs.Count - 1);
                            segs.Add(top * v);
                        }
                    }

                    var total = 0d;
                    foreach (var s in segs)
                    {
                        total += s;
                    }

                    return total;
                }

            case Primary.Decimal:
                {
                    var digits = value;
                    if (spec.Ordinal && digits.Length >= 2)
                    {
                        digits = digits[..^2];
                    }

                    foreach (var (_, character) in spec.Separators)
                    {
                        digits = digits.Replace(character, string.Empty, StringComparison.Ordinal);
                    }

                    if (spec.ZeroCode != 0x30)
                    {
                        var sb = new StringBuilder();
                        for (var i = 0; i < digits.Length; i += char.IsSurrogatePair(digits, i) ? 2 : 1)
                        {
                            sb.Append((char)(CodePointAt(digits, i) - spec.ZeroCode + '0'));
                        }

                        digits = sb.ToString();
                    }

                    return double.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d) ? d : null;
                }

            default:
                throw new JsonataException("D3130", $"Formatting or parsing an integer as a sequence starting with {spec.Token} is not supported by this implementation", -1, null, new JsonString(spec.Token));
        }
    }
}
