using System.Globalization;
using System.Text;
using StepFlow.Json;
using StepFlow.Jsonata.Evaluation;
using static StepFlow.Jsonata.Functions.Library;

namespace StepFlow.Jsonata.Functions;

/// <summary>String functions: $string, $length, $substring..., $match, $replace, $split, encoding.</summary>
internal static class StringFunctions
{
    public static void Register(Dictionary<string, JsonValue> t)
    {
        Add(t, "string", "<x-b?:s>", (ev, a, i, e) => a[0] is null ? null : StringOfChecked(ev, a[0]!, Arg(a, 1) is JsonBool { Value: true }), 1);
        Add(t, "length", "<s-:n>", (ev, a, i, e) => Str(a, 0) is { } s ? Values.Number(CodePointLength(s)) : null);
        // An undefined start or width is JavaScript's NaN in the reference implementation: $substring then gives ""
        // (or the whole string without a length), $pad the string unchanged.
        Add(t, "substring", "<s-nn?:s>", (ev, a, i, e) => Str(a, 0) is { } s ? NewString(ev, Substring(ev, s, Num(a, 1) ?? double.NaN, Num(a, 2))) : null);
        Add(t, "substringBefore", "<s-s:s>", (ev, a, i, e) =>
        {
            if (Str(a, 0) is not { } s)
            {
                return null;
            }

            var chars = Str(a, 1) ?? string.Empty;
            var pos = s.IndexOf(chars, StringComparison.Ordinal);
            return pos > -1 ? NewString(ev, s[..pos]) : new JsonString(s);
        });
        Add(t, "substringAfter", "<s-s:s>", (ev, a, i, e) =>
        {
            if (Str(a, 0) is not { } s)
            {
                return null;
            }

            var chars = Str(a, 1) ?? string.Empty;
            var pos = s.IndexOf(chars, StringComparison.Ordinal);
            return pos > -1 ? NewString(ev, s[(pos + chars.Length)..]) : new JsonString(s);
        });
        Add(t, "uppercase", "<s-:s>", (ev, a, i, e) => Str(a, 0) is { } s ? NewString(ev, s.ToUpperInvariant()) : null);
        Add(t, "lowercase", "<s-:s>", (ev, a, i, e) => Str(a, 0) is { } s ? NewString(ev, s.ToLowerInvariant()) : null);
        Add(t, "trim", "<s-:s>", (ev, a, i, e) => Str(a, 0) is { } s ? NewString(ev, Trim(s)) : null);
        Add(t, "pad", "<s-ns?:s>", (ev, a, i, e) => Str(a, 0) is { } s ? (Num(a, 1) is { } width ? new JsonString(Pad(ev, s, width, Str(a, 2))) : a[0]) : null);
        Add(t, "contains", "<s-(sf):b>", (ev, a, i, e) =>
        {
            if (Str(a, 0) is not { } s)
            {
                return null;
            }

            return a[1] switch
            {
                JsonString token => JsonValue.From(s.Contains(token.Value, StringComparison.Ordinal)),
                null => ev.Level22 ? null : JsonValue.False,
                var m => JsonValue.From(RegexSupport.Matches(ev, m, s, 1).Count > 0),
            };
        });
        Add(t, "split", "<s-(sf)n?:a<s>>", (ev, a, i, e) => Split(ev, a));
        Add(t, "join", "<a<s>s?:s>", (ev, a, i, e) =>
        {
            if (a[0] is null)
            {
                return null;
            }

            var sep = Str(a, 1) ?? string.Empty;
            var items = Values.Items(a[0]!);
            var length = (long)sep.Length * Math.Max(0, items.Length - 1);
            foreach (var item in items)
            {
                length += ((JsonString)item).Value.Length;
            }

            ev.Charge(length);
            var sb = new StringBuilder((int)Math.Min(length, int.MaxValue));
            var first = true;
            foreach (var item in items)
            {
                ev.CheckLimits();
                if (!first)
                {
                    sb.Append(sep);
                }

                first = false;
                sb.Append(((JsonString)item).Value);
            }

            return new JsonString(sb.ToString());
        });
        Add(t, "match", "<s-f<s:o>n?:a<o>>", (ev, a, i, e) => Match(ev, a));
        Add(t, "replace", "<s-(sf)(sf)n?:s>", (ev, a, i, e) => Replace(ev, a, e));
        Add(t, "base64encode", "<s-:s>", (ev, a, i, e) =>
        {
            if (Str(a, 0) is not { } s)
            {
                return null;
            }

            ev.Charge(((s.Length + 2L) / 3 * 4) + s.Length);
            var bytes = new byte[s.Length];
            for (var k = 0; k < s.Length; k++)
            {
                bytes[k] = (byte)s[k];
            }

            return new JsonString(Convert.ToBase64String(bytes));
        });
        Add(t, "base64decode", "<s-:s>", (ev, a, i, e) =>
        {
            if (Str(a, 0) is not { } s)
            {
                return null;
            }

            try
            {
                ev.Charge(s.Length);
                var bytes = Convert.FromBase64String(s);
                var chars = new char[bytes.Length];
                for (var k = 0; k < bytes.Length; k++)
                {
                    chars[k] = (char)bytes[k];
                }

                return new JsonString(new string(chars));
            }
            catch (FormatException)
            {
                throw new JsonataException("D3137", "Invalid base64 string", -1, null, new JsonString(s));
            }
        });
        Add(t, "encodeUrlComponent", "<s-:s>", (ev, a, i, e) => Str(a, 0) is { } s ? NewString(ev, Encode(ev, s, "-_.!~*'()", "encodeUrlComponent")) : null);
        Add(t, "encodeUrl", "<s-:s>", (ev, a, i, e) => Str(a, 0) is { } s ? NewString(ev, Encode(ev, s, "-_.!~*'();/?:@&=+$,#", "encodeUrl")) : null);
        Add(t, "decodeUrlComponent", "<s-:s>", (ev, a, i, e) => Str(a, 0) is { } s ? NewString(ev, Decode(ev, s, string.Empty, "decodeUrlComponent")) : null);
        Add(t, "decodeUrl", "<s-:s>", (ev, a, i, e) => Str(a, 0) is { } s ? NewString(ev, Decode(ev, s, ";/?:@&=+$,#", "decodeUrl")) : null);
    }

    private static JsonString StringOfChecked(Evaluator ev, JsonValue value, bool pretty)
    {
        if (value is NonFiniteNumber)
        {
            throw new JsonataException("D3001", "Attempting to invoke string function on Infinity or NaN", -1, null, value);
        }

        return new JsonString(StringOf(ev, value, pretty));
    }

    public static string Substring(Evaluator ev, string s, double start, double? length)
    {
        ev.Charge(s.Length);
        var chars = CodePoints(s);
        var strLength = chars.Count;
        if (strLength + start < 0)
        {
            start = 0;
        }

        int begin = ClampIndex(start, strLength);
        if (length is { } len)
        {
            if (len <= 0)
            {
                return string.Empty;
            }

            var endD = start >= 0 ? start + len : strLength + start + len;
            var end = ClampIndex(endD, strLength);
            return end <= begin ? string.Empty : string.Concat(chars.GetRange(begin, end - begin));
        }

        return begin >= strLength ? string.Empty : string.Concat(chars.GetRange(begin, strLength - begin));
    }

    private static int ClampIndex(double index, int length)
    {
        var i = double.IsNaN(index) ? 0 : Math.Truncate(index);
        if (i < 0)
        {
            i = Math.Max(0, length + i);
        }

        return (int)Math.Min(i, length);
    }

    private static string Trim(string s)
    {
        var sb = new StringBuilder(s.Length);
        var inWhite = false;
        foreach (var c in s)
        {
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                if (!inWhite)
                {
                    sb.Append(' ');
                }

                inWhite = true;
            }
            else
            {
                sb.Append(c);
                inWhite = false;
            }
        }

        var result = sb.ToString();
        if (result.StartsWith(' '))
        {
            result = result[1..];
        }

        if (result.EndsWith(' '))
        {
            result = result[..^1];
        }

        return result;
    }

    private static string Pad(Evaluator ev, string s, double width, string? chars)
    {
        if (string.IsNullOrEmpty(chars))
        {
            chars = " ";
        }

        if (ev.Level22)
        {
            width = Math.Truncate(width);
        }

        var padLength = Math.Abs(width) - CodePointLength(s);
        if (padLength <= 0)
        {
            return s;
        }

        // Counted before anything is built: $pad("x", 1e9) fails at once.
        var count = Math.Ceiling(padLength);
        ev.Charge((long)Math.Min(count, long.MaxValue / 4) + s.Length);
        var padding = new StringBuilder((int)count);
        for (var written = 0; written < count;)
        {
            ev.CheckLimits();
            for (var k = 0; k < chars.Length && written < count; k++, written++)
            {
                padding.Append(chars[k]);
                if (char.IsHighSurrogate(chars[k]) && k + 1 < chars.Length && char.IsLowSurrogate(chars[k + 1]))
                {
                    padding.Append(chars[++k]);
                }
            }
        }

        return width > 0 ? s + padding : padding + s;
    }

    private static JsonValue? Split(Evaluator ev, JsonValue?[] a)
    {
        if (Str(a, 0) is not { } s)
        {
            return null;
        }

        var limit = Num(a, 2);
        if (limit < 0)
        {
            throw new JsonataException("D3020", "Third argument of split function must evaluate to a positive number", -1, null, a[2]);
        }

        var result = new Sequence(false);
        var max = limit is { } l ? (long)Math.Floor(l) : long.MaxValue;
        if (max == 0)
        {
            return result;
        }

        if (a[1] is JsonString sep)
        {
            if (sep.Value.Length == 0)
            {
                foreach (var c in s)
                {
                    if (result.Count >= max)
                    {
                        break;
                    }

                    ev.Charge(2);
                    result.Add(new JsonString(c.ToString()));
                }

                return result;
            }

            var start0 = 0;
            while (result.Count < max)
            {
                var index = s.IndexOf(sep.Value, start0, StringComparison.Ordinal);
                var end = index < 0 ? s.Length : index;
                ev.Charge(1L + end - start0);
                result.Add(new JsonString(s[start0..end]));
                if (index < 0)
                {
                    break;
                }

                start0 = index + sep.Value.Length;
            }

            return result;
        }

        var matches = RegexSupport.Matches(ev, a[1]!, s, max);
        var start = 0;
        foreach (var m in matches)
        {
            ev.Charge(1L + m.Start - start);
            result.Add(new JsonString(s[start..m.Start]));
            start = m.Start + m.Value.Length;
        }

        if (result.Count < max)
        {
            ev.Charge(1L + s.Length - start);
            result.Add(new JsonString(s[start..]));
        }

        return result;
    }

    private static JsonValue? Match(Evaluator ev, JsonValue?[] a)
    {
        if (Str(a, 0) is not { } s)
        {
            return null;
        }

        var limit = Num(a, 2);
        if (limit < 0)
        {
            throw new JsonataException("D3040", "Third argument of match function must evaluate to a positive number", -1, null, a[2]);
        }

        var result = new Sequence();
        var max = limit is { } l ? (long)Math.Floor(l) : long.MaxValue;
        if (max == 0)
        {
            return result;
        }

        foreach (var m in RegexSupport.Matches(ev, a[1]!, s, max))
        {
            ev.Charge(5L + m.Value.Length + m.Groups.Length);
            var groups = new JsonValue[m.Groups.Length];
            for (var k = 0; k < groups.Length; k++)
            {
                groups[k] = m.Groups[k] is { } g ? new JsonString(g) : JsonString.Empty;
            }

            result.Add(JsonObject.TakeOwnership(
            [
                new("match", new JsonString(m.Value)),
                new("index", Values.Number(m.Start)),
                new("groups", JsonArray.TakeOwnership(groups)),
            ]));
        }

        return result;
    }

    private static JsonValue? Replace(Evaluator ev, JsonValue?[] a, Evaluation.Environment env)
    {
        if (Str(a, 0) is not { } s)
        {
            return null;
        }

        var pattern = a[1];
        if (pattern is JsonString { Value.Length: 0 })
        {
            throw new JsonataException("D3010", "Second argument of replace function cannot be an empty string", -1, null, pattern);
        }

        var limit = Num(a, 3);
        if (limit < 0)
        {
            throw new JsonataException("D3011", "Fourth argument of replace function must evaluate to a positive number", -1, null, a[3]);
        }

        var max = limit is { } l ? (long)Math.Floor(l) : long.MaxValue;
        if (max == 0)
        {
            return new JsonString(s);
        }

        var replacement = a[2];
        var sb = new StringBuilder();
        var position = 0;
        if (pattern is JsonString ps)
        {
            var count = 0;
            var index = s.IndexOf(ps.Value, StringComparison.Ordinal);
            var replacementText = replacement is JsonString rs ? rs.Value : string.Empty;
            while (index != -1 && count < max)
            {
                ev.Charge((long)index - position + replacementText.Length);
                sb.Append(s, position, index - position);
                sb.Append(replacementText);
                position = index + ps.Value.Length;
                count++;
                index = s.IndexOf(ps.Value, position, StringComparison.Ordinal);
            }

            ev.Charge(s.Length - position);
            sb.Append(s, position, s.Length - position);
            return new JsonString(sb.ToString());
        }

        var matches = RegexSupport.Matches(ev, pattern!, s, max);
        if (matches.Count == 0)
        {
            return new JsonString(s);
        }

        foreach (var m in matches)
        {
            ev.Charge(m.Start - position);
            sb.Append(s, position, m.Start - position);
            if (replacement is JsonString template)
            {
                var substituted = Substitute(ev, template.Value, m);
                ev.Charge(substituted.Length);
                sb.Append(substituted);
            }
            else
            {
                var groups = new JsonValue[m.Groups.Length];
                for (var k = 0; k < groups.Length; k++)
                {
                    groups[k] = m.Groups[k] is { } g ? new JsonString(g) : JsonString.Empty;
                }

                var matchObject = JsonObject.TakeOwnership(
                [
                    new("match", new JsonString(m.Value)),
                    new("index", Values.Number(m.Start)),
                    new("groups", JsonArray.TakeOwnership(groups)),
                ]);
                var replaced = ev.Apply(replacement, [matchObject], null, env);
                if (replaced is JsonString rs)
                {
                    ev.Charge(rs.Value.Length);
                    sb.Append(rs.Value);
                }
                else
                {
                    throw new JsonataException("D3012", "Attempted to replace a matched string with a non-string value", -1, null, Values.FreezeOrNull(replaced));
                }
            }

            position = m.Start + m.Value.Length;
        }

        ev.Charge(s.Length - position);
        sb.Append(s, position, s.Length - position);
        return new JsonString(sb.ToString());
    }

    private static string Substitute(Evaluator ev, string replacement, RegexSupport.MatchInfo match)
    {
        var sb = new StringBuilder();
        var position = 0;
        var index = replacement.IndexOf('$', position);
        while (index != -1 && position < replacement.Length)
        {
            // "$0$0$0..." copies the match once per reference: stop as soon as the text outgrows what is left.
            if (sb.Length > ev.SizeRemaining)
            {
                ev.Charge(sb.Length);
            }

            ev.CheckLimits();
            sb.Append(replacement, position, index - position);
            position = index + 1;
            var dollar = position < replacement.Length ? replacement[position] : '\0';
            if (dollar == '$')
            {
                sb.Append('$');
                position++;
            }
            else if (dollar == '0')
            {
                sb.Append(match.Value);
                position++;
            }
            else
            {
                var groupCount = match.Groups.Length;
                var maxDigits = groupCount == 0 ? 1 : (int)Math.Floor(Math.Log10(groupCount)) + 1;
                var parsed = ParseLeadingInt(replacement, position, maxDigits);
                if (maxDigits > 1 && parsed > groupCount)
                {
                    parsed = ParseLeadingInt(replacement, position, maxDigits - 1);
                }

                if (parsed >= 0)
                {
                    if (groupCount > 0 && parsed >= 1 && parsed <= groupCount && match.Groups[parsed - 1] is { } sub)
                    {
                        sb.Append(sub);
                    }

                    position += parsed.ToString(CultureInfo.InvariantCulture).Length;
                }
                else
                {
                    sb.Append('$');
                }
            }

            index = replacement.IndexOf('$', position);
        }

        if (position < replacement.Length)
        {
            sb.Append(replacement, position, replacement.Length - position);
        }

        return sb.ToString();
    }

    private static int ParseLeadingInt(string s, int start, int maxDigits)
    {
        var end = Math.Min(s.Length, start + maxDigits);
        var k = start;
        var value = 0;
        while (k < end && char.IsAsciiDigit(s[k]))
        {
            value = (value * 10) + (s[k] - '0');
            k++;
        }

        return k == start ? -1 : value;
    }

    private static string Encode(Evaluator ev, string s, string unreserved, string functionName)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < s.Length; i++)
        {
            ev.CheckLimits();
            var c = s[i];
            if (char.IsAsciiLetterOrDigit(c) || unreserved.Contains(c, StringComparison.Ordinal))
            {
                sb.Append(c);
                continue;
            }

            string chunk;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]))
                {
                    throw MalformedUrl(functionName, s);
                }

                chunk = s.Substring(i, 2);
                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                throw MalformedUrl(functionName, s);
            }
            else
            {
                chunk = c.ToString();
            }

            foreach (var b in Encoding.UTF8.GetBytes(chunk))
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static JsonataException MalformedUrl(string functionName, string value) =>
        new("D3140", $"Malformed URL passed to ${functionName}(): \"{value}\"", -1, functionName, new JsonString(value));

    private static string Decode(Evaluator ev, string s, string reserved, string functionName)
    {
        var sb = new StringBuilder();
        var bytes = new List<byte>();
        for (var i = 0; i < s.Length; i++)
        {
            ev.CheckLimits();
            if (s[i] != '%')
            {
                sb.Append(s[i]);
                continue;
            }

            var start = i;
            bytes.Clear();
            while (i < s.Length && s[i] == '%')
            {
                if (i + 2 >= s.Length || !byte.TryParse(s.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                {
                    throw MalformedUrl(functionName, s);
                }

                bytes.Add(b);
                i += 3;
                if (b < 0x80)
                {
                    break;
                }

                var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0;
                if (needed == 0)
                {
                    throw MalformedUrl(functionName, s);
                }

                while (bytes.Count < needed)
                {
                    if (i + 2 >= s.Length || s[i] != '%' || !byte.TryParse(s.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var cont) || (cont & 0xC0) != 0x80)
                    {
                        throw MalformedUrl(functionName, s);
                    }

                    bytes.Add(cont);
                    i += 3;
                }

                break;
            }

            i--;
            string decoded;
            try
            {
                decoded = new UTF8Encoding(false, true).GetString(bytes.ToArray());
            }
            catch (DecoderFallbackException)
            {
                throw MalformedUrl(functionName, s);
            }

            if (decoded.Length == 1 && reserved.Contains(decoded[0], StringComparison.Ordinal))
            {
                sb.Append(s, start, 3);
            }
            else
            {
                sb.Append(decoded);
            }
        }

        return sb.ToString();
    }
}
