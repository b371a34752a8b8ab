using System.Globalization;
using System.Text.RegularExpressions;
using StepFlow.Json;
using StepFlow.Jsonata.Evaluation;
using static StepFlow.Jsonata.Functions.Library;

namespace StepFlow.Jsonata.Functions;

/// <summary>Numeric and aggregation functions.</summary>
internal static partial class NumericFunctions
{
    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalPattern();

    [GeneratedRegex(@"^(0[xX][0-9A-Fa-f]+)|(0[oO][0-7]+)|(0[bB][0-1]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex RadixPattern();

    [GeneratedRegex(@"^(?:0[xX][0-9A-Fa-f]+|0[oO][0-7]+|0[bB][01]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex WholeRadixPattern();

    public static void Register(Dictionary<string, JsonValue> t)
    {
        Add(t, "number", "<(nsb)-:n>", (ev, a, i, e) => ToNumber(a[0]));
        Add(t, "abs", "<n-:n>", (ev, a, i, e) => a[0] is JsonNumber n ? (n.IsInteger ? Values.Number(Math.Abs(n.IntegerValue)) : Values.Number(Math.Abs(n.DoubleValue))) : null);
        Add(t, "floor", "<n-:n>", (ev, a, i, e) => Num(a, 0) is { } d ? Values.Number(Math.Floor(d)) : null);
        Add(t, "ceil", "<n-:n>", (ev, a, i, e) => Num(a, 0) is { } d ? Values.Number(Math.Ceiling(d)) : null);
        Add(t, "round", "<n-n?:n>", (ev, a, i, e) => Num(a, 0) is { } d ? Values.Number(Round(d, Num(a, 1) ?? 0)) : null);
        Add(t, "power", "<n-n:n>", (ev, a, i, e) =>
        {
            if (Num(a, 0) is not { } b || Num(a, 1) is not { } x)
            {
                return null;
            }

            var r = Math.Pow(b, x);
            if (!double.IsFinite(r))
            {
                throw new JsonataException("D3061", $"The power function has resulted in a value that cannot be represented as a JSON number: base={Values.FormatJs(b)}, exponent={Values.FormatJs(x)}");
            }

            return Values.Number(r);
        });
        Add(t, "sqrt", "<n-:n>", (ev, a, i, e) =>
        {
            if (Num(a, 0) is not { } d)
            {
                return null;
            }

            if (d < 0)
            {
                throw new JsonataException("D3060", $"The sqrt function cannot be applied to a negative number: {Values.FormatJs(d)}", -1, null, a[0]);
            }

            return Values.Number(Math.Sqrt(d));
        });
        Add(t, "random", "<:n>", (ev, a, i, e) => Values.Number(ev.Random.NextDouble()));
        Add(t, "sum", "<a<n>:n>", (ev, a, i, e) =>
        {
            if (a[0] is null)
            {
                return null;
            }

            var total = 0d;
            foreach (var item in Values.Items(a[0]!))
            {
                total += ((JsonNumber)item).DoubleValue;
            }

            return Values.Number(total);
        });
        Add(t, "max", "<a<n>:n>", (ev, a, i, e) => Extreme(a[0], true));
        Add(t, "min", "<a<n>:n>", (ev, a, i, e) => Extreme(a[0], false));
        Add(t, "average", "<a<n>:n>", (ev, a, i, e) =>
        {
            if (a[0] is null)
            {
                return null;
            }

            var items = Values.Items(a[0]!);
            if (items.Length == 0)
            {
                return null;
            }

            var total = 0d;
            foreach (var item in items)
            {
                total += ((JsonNumber)item).DoubleValue;
            }

            return Values.Number(total / items.Length);
        });
        Add(t, "count", "<a:n>", (ev, a, i, e) => Values.Number(a[0] is null ? 0 : Values.Items(a[0]!).Length));
        Add(t, "formatBase", "<n-n?:s>", (ev, a, i, e) => Num(a, 0) is { } d ? new JsonString(FormatBase(d, Num(a, 1))) : null);
        Add(t, "formatNumber", "<n-so?:s>", (ev, a, i, e) => Num(a, 0) is { } d ? new JsonString(NumberFormatter.Format(ev, d, Picture(a, "formatNumber"), Arg(a, 2) as JsonObject)) : null);
        Add(t, "formatInteger", "<n-s:s>", (ev, a, i, e) => Num(a, 0) is { } d ? new JsonString(IntegerFormatter.Format(d, Picture(a, "formatInteger"))) : null);
        Add(t, "parseInteger", "<s-s:n>", (ev, a, i, e) => Str(a, 0) is { } s ? IntegerFormatter.Parse(s, Picture(a, "parseInteger")) : null);
    }

    /// <summary>
    /// The picture string (the second argument). When it is undefined the reference implementation fails with a
    /// JavaScript TypeError (it reads the picture's properties); here that is a signature error naming the argument.
    /// </summary>
    private static string Picture(JsonValue?[] a, string function) =>
        Str(a, 1) ?? throw new JsonataException("T0410", $"Argument 2 of function ${function} is undefined: a picture string is required", -1, function);

    public static JsonValue? ToNumber(JsonValue? arg)
    {
        switch (arg)
        {
            case null:
                return null;
            case JsonNumber:
                return arg;
            case JsonString s when DecimalPattern().IsMatch(s.Value):
                {
                    var d = double.Parse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture);
                    if (double.IsFinite(d))
                    {
                        return Values.Number(d);
                    }

                    break;
                }

            case JsonString s when RadixPattern().IsMatch(s.Value):
                {
                    // The reference's pattern is anchored at one end per alternative only, so it also matches
                    // strings such as "0x3Q" that JavaScript's Number() then reads as NaN.
                    var v = s.Value;
                    if (!WholeRadixPattern().IsMatch(v))
                    {
                        return new NonFiniteNumber(double.NaN);
                    }

                    var radix = v[1] is 'x' or 'X' ? 16 : v[1] is 'o' or 'O' ? 8 : 2;
                    double result = 0;
                    foreach (var c in v.AsSpan(2))
                    {
                        result = (result * radix) + Convert.ToInt32(c.ToString(), 16);
                    }

                    return Values.Number(result);
                }

            case JsonBool b:
                return Values.Number(b.Value ? 1 : 0);
        }

        throw new JsonataException("D3030", $"Unable to cast value to a number: {StringOf(null, arg, false)}", -1, null, Values.FreezeOrNull(arg));
    }

    private static JsonValue? Extreme(JsonValue? arg, bool max)
    {
        if (arg is null)
        {
            return null;
        }

        var items = Values.Items(arg);
        if (items.Length == 0)
        {
            return null;
        }

        var best = items[0];
        foreach (var item in items)
        {
            var d = ((JsonNumber)item).DoubleValue;
            var b = ((JsonNumber)best).DoubleValue;
            if (max ? d > b : d < b)
            {
                best = item;
            }
        }

        return best;
    }

    /// <summary>Round half to even at a decimal precision, shifting through the decimal text as the reference does.</summary>
    public static double Round(double arg, double precision)
    {
        var p = (int)precision;
        if (p != 0)
        {
            arg = Shift(arg, p);
        }

        var result = Math.Floor(arg + 0.5);
        var diff = result - arg;
        if (Math.Abs(diff) == 0.5 && Math.Abs(result % 2) == 1)
        {
            result -= 1;
        }

        if (p != 0)
        {
            result = Shift(result, -p);
        }

        return result == 0 ? 0 : result;
    }

    private static double Shift(double value, int places)
    {
        var text = Values.FormatJs(value);
        var e = text.IndexOf('e', StringComparison.Ordinal);
        string mantissa;
        var exponent = 0;
        if (e >= 0)
        {
            mantissa = text[..e];
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }
        else
        {
            mantissa = text;
        }

        return double.Parse(mantissa + "e" + (exponent + places).ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static string FormatBase(double value, double? radixArg)
    {
        value = Round(value, 0);
        var radix = radixArg is { } r ? (int)Math.Floor(r) : 10;
        if (radix < 2 || radix > 36)
        {
            throw new JsonataException("D3100", $"The radix of the formatBase function must be between 2 and 36.  It was given {radix}", -1, null, Values.Number(radix));
        }

        if (value == 0)
        {
            return "0";
        }

        var negative = value < 0;
        var v = Math.Abs(value);
        var digits = new System.Text.StringBuilder();
        while (v >= 1)
        {
            var d = (int)(v % radix);
            digits.Insert(0, (char)(d < 10 ? '0' + d : 'a' + d - 10));
            v = Math.Floor(v / radix);
        }

        if (negative)
        {
            digits.Insert(0, '-');
        }

        return digits.ToString();
    }
}
