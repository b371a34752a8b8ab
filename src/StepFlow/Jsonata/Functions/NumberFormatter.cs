using System.Globalization;
using System.Text;
using StepFlow.Json;
using StepFlow.Jsonata.Evaluation;

namespace StepFlow.Jsonata.Functions;

/// <summary>$formatNumber: XPath F&amp;O 3.1 section 4.7 decimal-format pictures.</summary>
internal static class NumberFormatter
{
    private sealed class Parts
    {
        public string Prefix = string.Empty;
        public string Suffix = string.Empty;
        public string Active = string.Empty;
        public string Mantissa = string.Empty;
        public string? Exponent;
        public string Integer = string.Empty;
        public string Fraction = string.Empty;
        public string Picture = string.Empty;
    }

    private sealed class Pic
    {
        public List<int> IntegerGroups = [];
        public int RegularGrouping;
        public int MinInteger;
        public int ScalingFactor;
        public string Prefix = string.Empty;
        public List<int> FractionGroups = [];
        public int MinFraction;
        public int MaxFraction;
        public int MinExponent;
        public string Suffix = string.Empty;
        public string Picture = string.Empty;
    }

    public static string Format(Evaluator ev, double value, string picture, JsonObject? options)
    {
        var props = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["decimal-separator"] = ".", ["grouping-separator"] = ",", ["exponent-separator"] = "e", ["infinity"] = "Infinity",
            ["minus-sign"] = "-", ["NaN"] = "NaN", ["percent"] = "%", ["per-mille"] = "\u2030", ["zero-digit"] = "0", ["digit"] = "#", ["pattern-separator"] = ";",
        };
        if (options is not null)
        {
            foreach (var m in options.Members)
            {
                if (m.Value is JsonString s)
                {
                    props[m.Key] = s.Value;
                }
            }
        }

        // XPath's decimal-format properties are single characters; jsonata-js reads a code unit NaN from "" and would trim
        // zeros without end, so an empty zero-digit is refused.
        if (props["zero-digit"].Length == 0)
        {
            throw new JsonataException("SF2062", "The decimal-format property 'zero-digit' of $formatNumber must be one character, not empty");
        }

        var zeroChar = props["zero-digit"][0];
        var family = new string[10];
        for (var i = 0; i < 10; i++)
        {
            family[i] = ((char)(zeroChar + i)).ToString();
        }

        var decimalSep = props["decimal-separator"];
        var groupSep = props["grouping-separator"];
        var expSep = props["exponent-separator"];
        var digit = props["digit"];
        var percent = props["percent"];
        var permille = props["per-mille"];
        var active = new List<string>(family) { decimalSep, expSep, groupSep, digit, props["pattern-separator"] };
        bool IsActive(char c) => active.Contains(c.ToString());
        bool IsDigitFamily(char c) => Array.IndexOf(family, c.ToString()) >= 0;
        int CountWhere(string s, Func<char, bool> f)
        {
            var n = 0;
            foreach (var c in s)
            {
                if (f(c))
                {
                    n++;
                }
            }

            return n;
        }

        var subPictures = picture.Split(props["pattern-separator"]);
        if (subPictures.Length > 2)
        {
            throw new JsonataException("D3080", "The picture string must not contain more than one instance of the pattern-separator character");
        }

        Parts Split(string sub)
        {
            var p = new Parts { Picture = sub };
            var prefixEnd = sub.Length;
            for (var i = 0; i < sub.Length; i++)
            {
                if (IsActive(sub[i]) && sub[i].ToString() != expSep)
                {
                    prefixEnd = i;
                    break;
                }
            }

            if (prefixEnd == sub.Length && ev.Level22)
            {
                throw new JsonataException("D3086", "The picture string has no digit or optional-digit sign", -1, null, new JsonString(picture));
            }

            p.Prefix = sub[..prefixEnd];
            var suffixStart = sub.Length;
            for (var i = sub.Length - 1; i >= 0; i--)
            {
                if (IsActive(sub[i]) && sub[i].ToString() != expSep)
                {
                    suffixStart = i + 1;
                    break;
                }
            }

            if (suffixStart < prefixEnd)
            {
                suffixStart = prefixEnd;
            }

            p.Suffix = sub[suffixStart..];
            p.Active = sub[p.Prefix.Length..(sub.Length - p.Suffix.Length)];
            var expPos = sub.IndexOf(expSep, p.Prefix.Length, StringComparison.Ordinal);
            if (expPos == -1 || expPos > sub.Length - p.Suffix.Length)
            {
                p.Mantissa = p.Active;
                p.Exponent = null;
            }
            else
            {
                var rel = expPos - p.Prefix.Length;
                p.Mantissa = p.Active[..Math.Min(rel, p.Active.Length)];
                p.Exponent = rel + 1 <= p.Active.Length ? p.Active[(rel + 1)..] : string.Empty;
            }

            var dp = p.Mantissa.IndexOf(decimalSep, StringComparison.Ordinal);
            if (dp == -1)
            {
                p.Integer = p.Mantissa;
                p.Fraction = p.Suffix;
            }
            else
            {
                p.Integer = p.Mantissa[..dp];
                p.Fraction = p.Mantissa[(dp + 1)..];
            }

            return p;
        }

        void Validate(Parts p)
        {
            string? error = null;
            var sub = p.Picture;
            var decimalPos = sub.IndexOf(decimalSep, StringComparison.Ordinal);
            if (decimalPos != sub.LastIndexOf(decimalSep, StringComparison.Ordinal))
            {
                error = "D3081";
            }

            if (sub.IndexOf(percent, StringComparison.Ordinal) != sub.LastIndexOf(percent, StringComparison.Ordinal))
            {
                error = "D3082";
            }

            if (sub.IndexOf(permille, StringComparison.Ordinal) != sub.LastIndexOf(permille, StringComparison.Ordinal))
            {
                error = "D3083";
            }

            if (sub.Contains(percent, StringComparison.Ordinal) && sub.Contains(permille, StringComparison.Ordinal))
            {
                error = "D3084";
            }

            var valid = false;
            foreach (var c in p.Mantissa)
            {
                if (IsDigitFamily(c) || c.ToString() == digit)
                {
                    valid = true;
                    break;
                }
            }

            if (!valid)
            {
                error = "D3085";
            }

            foreach (var c in p.Active)
            {
                if (!IsActive(c))
                {
                    error = "D3086";
                }
            }

            if (decimalPos != -1)
            {
                if ((decimalPos > 0 && sub[decimalPos - 1].ToString() == groupSep) || (decimalPos + 1 < sub.Length && sub[decimalPos + 1].ToString() == groupSep))
                {
                    error = "D3087";
                }
            }
            else if (p.Integer.Length > 0 && p.Integer[^1].ToString() == groupSep)
            {
                error = "D3088";
            }

            if (sub.Contains(groupSep + groupSep, StringComparison.Ordinal))
            {
                error = "D3089";
            }

            var optionalPos = p.Integer.IndexOf(digit, StringComparison.Ordinal);
            if (optionalPos != -1 && CountWhere(p.Integer[..optionalPos], IsDigitFamily) > 0)
            {
                error = "D3090";
            }

            optionalPos = p.Fraction.LastIndexOf(digit, StringComparison.Ordinal);
            if (optionalPos != -1 && CountWhere(p.Fraction[optionalPos..], IsDigitFamily) > 0)
            {
                error = "D3091";
            }

            if (p.Exponent is { Length: > 0 } && (sub.Contains(percent, StringComparison.Ordinal) || sub.Contains(permille, StringComparison.Ordinal)))
            {
                error = "D3092";
            }

            if (p.Exponent is not null && (p.Exponent.Length == 0 || CountWhere(p.Exponent, c => !IsDigitFamily(c)) > 0))
            {
                error = "D3093";
            }

            if (error is not null)
            {
                throw new JsonataException(error, $"Invalid picture string for $formatNumber ({error})", -1, null, new JsonString(picture));
            }
        }

        List<int> GroupingPositions(string part, bool toLeft, string integerPart)
        {
            var positions = new List<int>();
            var pos = part.IndexOf(groupSep, StringComparison.Ordinal);
            while (pos != -1)
            {
                // As in the reference, the next separator is looked for in the integer part even for the fraction,
                // so a position may lie beyond this part: JavaScript's substring and indexOf clamp it.
                var at = Math.Min(pos, part.Length);
                var segment = toLeft ? part[..at] : part[at..];
                positions.Add(CountWhere(segment, c => IsDigitFamily(c) || c.ToString() == digit));
                pos = pos + 1 > integerPart.Length ? -1 : integerPart.IndexOf(groupSep, pos + 1, StringComparison.Ordinal);
            }

            return positions;
        }

        Pic Analyse(Parts p)
        {
            var pic = new Pic { Prefix = p.Prefix, Suffix = p.Suffix, Picture = p.Picture };
            pic.IntegerGroups = GroupingPositions(p.Integer, false, p.Integer);
            pic.RegularGrouping = Regular(pic.IntegerGroups);
            pic.FractionGroups = GroupingPositions(p.Fraction, true, p.Integer);
            pic.MinInteger = CountWhere(p.Integer, IsDigitFamily);
            pic.ScalingFactor = pic.MinInteger;
            pic.MinFraction = CountWhere(p.Fraction, IsDigitFamily);
            pic.MaxFraction = CountWhere(p.Fraction, c => IsDigitFamily(c) || c.ToString() == digit);
            var exponentPresent = p.Exponent is not null;
            if (pic.MinInteger == 0 && pic.MaxFraction == 0)
            {
                if (exponentPresent)
                {
                    pic.MinFraction = 1;
                    pic.MaxFraction = 1;
                }
                else
                {
                    pic.MinInteger = 1;
                }
            }

            if (exponentPresent && pic.MinInteger == 0 && p.Integer.Contains(digit, StringComparison.Ordinal))
            {
                pic.MinInteger = 1;
            }

            if (pic.MinInteger == 0 && pic.MinFraction == 0)
            {
                pic.MinFraction = 1;
            }

            if (exponentPresent)
            {
                pic.MinExponent = CountWhere(p.Exponent!, IsDigitFamily);
            }

            return pic;
        }

        var parts = new List<Parts>();
        foreach (var sp in subPictures)
        {
            parts.Add(Split(sp));
        }

        foreach (var p in parts)
        {
            Validate(p);
        }

        var pics = new List<Pic>();
        foreach (var p in parts)
        {
            pics.Add(Analyse(p));
        }

        var minus = props["minus-sign"];
        if (pics.Count == 1)
        {
            var neg = Analyse(parts[0]);
            neg.Prefix = minus + neg.Prefix;
            pics.Add(neg);
        }

        var pic2 = value >= 0 ? pics[0] : pics[1];
        double adjusted = pic2.Picture.Contains(percent, StringComparison.Ordinal) ? value * 100
            : pic2.Picture.Contains(permille, StringComparison.Ordinal) ? value * 1000 : value;
        double mantissa;
        int? exponent = null;
        if (pic2.MinExponent == 0)
        {
            mantissa = adjusted;
        }
        else
        {
            if (!ev.Level22 && !(adjusted > 0))
            {
                // jsonata 2.0.6 never returns for an exponent picture with a zero or negative value
                // (fixed after 2.0.6, jsonata #785); StepFlow fails instead of hanging.
                throw new JsonataException("SF2061", "$formatNumber with an exponent picture and a zero or negative value does not terminate in jsonata 2.0.6 (use JsonataLevel.V2_2)", -1, null, JsonNumber.FromDouble(value));
            }

            var maxMantissa = Math.Pow(10, pic2.ScalingFactor);
            var minMantissa = Math.Pow(10, pic2.ScalingFactor - 1);
            mantissa = Math.Abs(adjusted);
            var e = 0;
            if (mantissa != 0)
            {
                while (mantissa < minMantissa)
                {
                    mantissa *= 10;
                    e--;
                }

                while (mantissa > maxMantissa)
                {
                    mantissa /= 10;
                    e++;
                }
            }

            exponent = e;
        }

        var rounded = NumericFunctions.Round(mantissa, pic2.MaxFraction);
        string MakeString(double v, int dp)
        {
            var str = Math.Abs(v).ToString("F" + dp.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            if (zeroChar != '0')
            {
                var sb = new StringBuilder();
                foreach (var c in str)
                {
                    sb.Append(c is >= '0' and <= '9' ? family[c - '0'] : c.ToString());
                }

                str = sb.ToString();
            }

            return str;
        }

        var zero = props["zero-digit"];
        var text = MakeString(rounded, pic2.MaxFraction);
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        text = dot == -1 ? text + decimalSep : text[..dot] + decimalSep + text[(dot + 1)..];
        while (text.StartsWith(zero, StringComparison.Ordinal))
        {
            text = text[zero.Length..];
        }

        while (text.EndsWith(zero, StringComparison.Ordinal))
        {
            text = text[..^zero.Length];
        }

        var decimalPos = text.IndexOf(decimalSep, StringComparison.Ordinal);
        var padLeft = pic2.MinInteger - decimalPos;
        var padRight = pic2.MinFraction - (text.Length - decimalPos - 1);
        text = (padLeft > 0 ? string.Concat(Enumerable.Repeat(zero, padLeft)) : string.Empty) + text;
        text += padRight > 0 ? string.Concat(Enumerable.Repeat(zero, padRight)) : string.Empty;
        decimalPos = text.IndexOf(decimalSep, StringComparison.Ordinal);
        if (pic2.RegularGrouping > 0)
        {
            var groupCount = (decimalPos - 1) / pic2.RegularGrouping;
            for (var group = 1; group <= groupCount; group++)
            {
                var at = decimalPos - (group * pic2.RegularGrouping);
                text = text[..at] + groupSep + text[at..];
            }
        }
        else
        {
            foreach (var pos in pic2.IntegerGroups)
            {
                var at = decimalPos - pos;
                if (at >= 0)
                {
                    text = text[..at] + groupSep + text[at..];
                    decimalPos++;
                }
            }
        }

        decimalPos = text.IndexOf(decimalSep, StringComparison.Ordinal);
        foreach (var pos in pic2.FractionGroups)
        {
            var at = pos + decimalPos + 1;
            if (at <= text.Length)
            {
                text = text[..at] + groupSep + text[at..];
            }
        }

        decimalPos = text.IndexOf(decimalSep, StringComparison.Ordinal);
        if (pic2.MinFraction == 0 && decimalPos == text.Length - decimalSep.Length)
        {
            text = text[..^decimalSep.Length];
        }

        if (exponent is { } ex)
        {
            var expText = MakeString(ex, 0);
            var pad = pic2.MinExponent - expText.Length;
            if (pad > 0)
            {
                expText = string.Concat(Enumerable.Repeat(zero, pad)) + expText;
            }

            text = text + expSep + (ex < 0 ? minus : string.Empty) + expText;
        }

        return pic2.Prefix + text + pic2.Suffix;
    }

    private static int Regular(List<int> indexes)
    {
        if (indexes.Count == 0)
        {
            return 0;
        }

        var factor = 0;
        foreach (var i in indexes)
        {
            factor = Gcd(i, factor);
        }

        for (var index = 1; index <= indexes.Count; index++)
        {
            if (!indexes.Contains(index * factor))
            {
                return 0;
            }
        }

        return factor;
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
