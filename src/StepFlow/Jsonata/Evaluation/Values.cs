using System.Globalization;
using System.Text;
using StepFlow.Json;

namespace StepFlow.Jsonata.Evaluation;

/// <summary>Helpers over evaluation values (<see cref="JsonValue"/> plus sequences and functions; null is undefined).</summary>
internal static class Values
{
    public static readonly JsonValue[] Empty = [];

    public static JsonNumber Number(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new JsonataException("D1001", $"Number out of range: {value.ToString(CultureInfo.InvariantCulture)}");
        }

        if (value == Math.Floor(value) && Math.Abs(value) < 9007199254740992d)
        {
            return JsonNumber.FromInteger((long)value);
        }

        return JsonNumber.FromDouble(value);
    }

    public static JsonNumber Number(long value) => JsonNumber.FromInteger(value);

    public static bool IsArray(JsonValue? value) => value is Sequence or JsonArray;

    public static ReadOnlySpan<JsonValue> Items(JsonValue value) => value switch
    {
        Sequence s => s.Items,
        JsonArray a => a.Items,
        _ => default,
    };

    public static int Count(JsonValue value) => value switch
    {
        Sequence s => s.Count,
        JsonArray a => a.Count,
        _ => 1,
    };

    public static bool IsSequence(JsonValue? value) => value is Sequence { IsSequence: true };

    /// <summary>Converts an evaluation value into plain JSON (sequences become arrays); null stays undefined.</summary>
    public static JsonValue? FreezeOrNull(JsonValue? value) => value is Sequence s ? s.Freeze() : value;

    public static JsonValue Freeze(JsonValue value) => value is Sequence s ? s.Freeze() : value;

    public static bool IsNumeric(JsonValue? value) => value is JsonNumber;

    public static bool IsInteger(JsonValue? value) => value is JsonNumber n && (n.IsInteger || (double.IsFinite(n.DoubleValue) && Math.Floor(n.DoubleValue) == n.DoubleValue));

    public static double ToDouble(JsonValue value) => ((JsonNumber)value).DoubleValue;

    /// <summary>JSONata's effective boolean value; null for undefined.</summary>
    public static bool? Boolean(JsonValue? arg) => Boolean(arg, 0);

    private static bool? Boolean(JsonValue? arg, int depth)
    {
        ValueDepth.Check(depth);
        switch (arg)
        {
            case null:
                return null;
            case Sequence or JsonArray:
                {
                    var items = Items(arg);
                    if (items.Length == 1)
                    {
                        return Boolean(items[0], depth + 1);
                    }

                    foreach (var item in items)
                    {
                        if (Boolean(item, depth + 1) == true)
                        {
                            return true;
                        }
                    }

                    return false;
                }

            case JsonString s:
                return s.Value.Length > 0;
            case JsonNumber n:
                return n.DoubleValue != 0;
            case JsonObject o:
                return o.Count > 0;
            case JsonBool b:
                return b.Value;
            default:
                return false;
        }
    }

    public static bool Truthy(JsonValue? arg) => Boolean(arg) == true;

    public static bool DeepEquals(JsonValue? a, JsonValue? b) => DeepEquals(a, b, 0);

    private static bool DeepEquals(JsonValue? a, JsonValue? b, int depth)
    {
        ValueDepth.Check(depth);
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a is null || b is null)
        {
            return false;
        }

        if (IsArray(a))
        {
            if (!IsArray(b))
            {
                return false;
            }

            var x = Items(a);
            var y = Items(b);
            if (x.Length != y.Length)
            {
                return false;
            }

            for (var i = 0; i < x.Length; i++)
            {
                if (!DeepEquals(x[i], y[i], depth + 1))
                {
                    return false;
                }
            }

            return true;
        }

        switch (a)
        {
            case JsonString s:
                return b is JsonString t && string.Equals(s.Value, t.Value, StringComparison.Ordinal);
            case JsonNumber n:
                return b is JsonNumber m && n.DoubleValue == m.DoubleValue;
            case JsonBool p:
                return b is JsonBool q && p.Value == q.Value;
            case JsonNull:
                return b is JsonNull;
            case JsonObject o:
                {
                    if (b is not JsonObject other || other.Count != o.Count)
                    {
                        return false;
                    }

                    foreach (var member in o.Members)
                    {
                        if (!other.TryGetValue(member.Key, out var v) || !DeepEquals(member.Value, v, depth + 1))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            default:
                return false;
        }
    }

    /// <summary>JavaScript's <c>===</c>: primitives by value, everything else by reference.</summary>
    public static bool StrictEquals(JsonValue a, JsonValue b) => a switch
    {
        JsonString s => b is JsonString t && string.Equals(s.Value, t.Value, StringComparison.Ordinal),
        JsonNumber n => b is JsonNumber m && n.DoubleValue == m.DoubleValue,
        JsonBool p => b is JsonBool q && p.Value == q.Value,
        JsonNull => b is JsonNull,
        _ => ReferenceEquals(a, b),
    };

    public static string TypeName(JsonValue? value) => value switch
    {
        null => "undefined",
        FunctionValue => "function",
        JsonString => "string",
        JsonNumber => "number",
        JsonBool => "boolean",
        JsonNull => "null",
        Sequence or JsonArray => "array",
        _ => "object",
    };

    /// <summary>Formats a double as JavaScript's <c>Number.prototype.toString()</c> does.</summary>
    public static string FormatJs(double value)
    {
        if (value == 0)
        {
            return "0";
        }

        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        var shortest = value.ToString("R", CultureInfo.InvariantCulture);

        // Extract the shortest round-trip digits and the decimal exponent.
        var negative = shortest[0] == '-';
        var s = negative ? shortest[1..] : shortest;
        var ePos = s.IndexOfAny(['E', 'e']);
        var exponent = 0;
        var mantissa = s;
        if (ePos >= 0)
        {
            exponent = int.Parse(s.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = s[..ePos];
        }

        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = dot >= 0 ? mantissa.Remove(dot, 1) : mantissa;
        var pointPos = (dot >= 0 ? dot : mantissa.Length) + exponent;
        var leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0')
        {
            leading++;
            pointPos--;
        }

        digits = digits[leading..].TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        var k = digits.Length;
        var n = pointPos;
        var sb = new StringBuilder();
        if (negative)
        {
            sb.Append('-');
        }

        if (k <= n && n <= 21)
        {
            sb.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            sb.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            var e = n - 1;
            sb.Append(digits[0]);
            if (k > 1)
            {
                sb.Append('.').Append(digits, 1, k - 1);
            }

            sb.Append('e').Append(e >= 0 ? "+" : "-").Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
        }

        return sb.ToString();
    }

    /// <summary>Formats a number as <c>$string()</c> does (15 significant digits, integers in full at level 2.2).</summary>
    public static string FormatNumber(JsonNumber number, bool fullIntegers)
    {
        var d = number.DoubleValue;
        if (fullIntegers && Math.Floor(d) == d)
        {
            return FormatJs(d);
        }

        return FormatJs(Precision15(d));
    }

    public static double Precision15(double d) =>
        double.Parse(d.ToString("G15", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>
    /// Serialises as <c>JSON.stringify</c> with JSONata's replacer (functions become "", numbers 15 digits). Stops,
    /// returning false, as soon as the text is longer than <paramref name="maxLength"/>; every item counts a step of
    /// <paramref name="evaluator"/>'s work.
    /// </summary>
    public static bool Stringify(StringBuilder sb, JsonValue? value, bool pretty, int depth, bool fullIntegers, long maxLength, Evaluator? evaluator)
    {
        ValueDepth.Check(depth);
        evaluator?.CheckLimits();
        switch (value)
        {
            case null or FunctionValue:
                sb.Append(value is null ? "null" : "\"\"");
                return true;
            case NonFiniteNumber:
                throw new JsonataException("D1001", "Number out of range");
            case JsonString s:
                if (sb.Length + (long)s.Value.Length > maxLength)
                {
                    return false;
                }

                WriteString(sb, s.Value);
                return sb.Length <= maxLength;
            case JsonNumber n:
                sb.Append(FormatNumber(n, fullIntegers));
                return sb.Length <= maxLength;
            case JsonBool b:
                sb.Append(b.Value ? "true" : "false");
                return sb.Length <= maxLength;
            case JsonNull:
                sb.Append("null");
                return sb.Length <= maxLength;
            case Sequence or JsonArray:
                {
                    var items = Items(value);
                    if (items.Length == 0)
                    {
                        sb.Append("[]");
                        return sb.Length <= maxLength;
                    }

                    sb.Append('[');
                    for (var i = 0; i < items.Length; i++)
                    {
                        if (i > 0)
                        {
                            sb.Append(',');
                        }

                        if (pretty)
                        {
                            sb.Append('\n').Append(' ', (depth + 1) * 2);
                        }

                        if (!Stringify(sb, items[i], pretty, depth + 1, fullIntegers, maxLength, evaluator))
                        {
                            return false;
                        }
                    }

                    if (pretty)
                    {
                        sb.Append('\n').Append(' ', depth * 2);
                    }

                    sb.Append(']');
                    return sb.Length <= maxLength;
                }

            case JsonObject o:
                {
                    var first = true;
                    sb.Append('{');
                    foreach (var member in o.Members)
                    {
                        if (!first)
                        {
                            sb.Append(',');
                        }

                        first = false;
                        if (pretty)
                        {
                            sb.Append('\n').Append(' ', (depth + 1) * 2);
                        }

                        if (sb.Length + (long)member.Key.Length > maxLength)
                        {
                            return false;
                        }

                        WriteString(sb, member.Key);
                        sb.Append(pretty ? ": " : ":");
                        if (!Stringify(sb, member.Value, pretty, depth + 1, fullIntegers, maxLength, evaluator))
                        {
                            return false;
                        }
                    }

                    if (pretty && !first)
                    {
                        sb.Append('\n').Append(' ', depth * 2);
                    }

                    sb.Append('}');
                    return sb.Length <= maxLength;
                }

            default:
                sb.Append("null");
                return sb.Length <= maxLength;
        }
    }

    public static void WriteString(StringBuilder sb, string value)
    {
        sb.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        sb.Append(c).Append(value[++i]);
                    }
                    else if (char.IsSurrogate(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
