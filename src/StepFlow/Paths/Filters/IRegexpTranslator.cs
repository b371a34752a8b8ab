using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace StepFlow.Paths.Filters;

/// <summary>
/// Translates an I-Regexp (RFC 9485) into an equivalent .NET pattern: <c>.</c> matches any Unicode
/// scalar value except LF and CR, <c>^</c> and <c>$</c> anchor at the start and end of the string (as the
/// compliance suite expects), characters above
/// U+FFFF are atoms, and constructs outside I-Regexp (<c>\d</c>, <c>(?:</c>, back-references) are rejected.
/// </summary>
internal static class IRegexpTranslator
{
    private const string AnyScalarExceptNewline = "(?:[^\\n\\r\\uD800-\\uDFFF]|[\\uD800-\\uDBFF][\\uDC00-\\uDFFF])";
    private const string SingleCharEscapes = "()*+-.?[\\]^{|}nrt";

    public static bool TryTranslate(string pattern, [NotNullWhen(true)] out string? translated)
    {
        var builder = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        translated = null;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (!TryCopyEscape(pattern, ref i, builder))
                {
                    return false;
                }

                continue;
            }

            if (inClass)
            {
                switch (c)
                {
                    case ']':
                        inClass = false;
                        builder.Append(c);
                        break;
                    case '[':
                        builder.Append("\\[");
                        break;
                    default:
                        builder.Append(c);
                        break;
                }

                continue;
            }

            switch (c)
            {
                case '.':
                    builder.Append(AnyScalarExceptNewline);
                    break;
                case '$':
                    builder.Append("\\z");
                    break;
                case '[':
                    inClass = true;
                    builder.Append(c);
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                    {
                        builder.Append('^');
                        i++;
                    }

                    if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                    {
                        builder.Append("\\]");
                        i++;
                    }

                    break;
                case '(' when i + 1 < pattern.Length && pattern[i + 1] == '?':
                    return false;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < pattern.Length && char.IsLowSurrogate(pattern[i + 1]))
                    {
                        builder.Append("(?:").Append(c).Append(pattern[i + 1]).Append(')');
                        i++;
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        if (inClass)
        {
            return false;
        }

        translated = builder.ToString();
        return true;
    }

    private static bool TryCopyEscape(string pattern, ref int i, StringBuilder builder)
    {
        if (i + 1 >= pattern.Length)
        {
            return false;
        }

        var next = pattern[i + 1];
        if (next is 'p' or 'P')
        {
            var close = pattern.IndexOf('}', i + 2);
            if (i + 2 >= pattern.Length || pattern[i + 2] != '{' || close < 0)
            {
                return false;
            }

            builder.Append(pattern, i, close - i + 1);
            i = close;
            return true;
        }

        if (!SingleCharEscapes.Contains(next, StringComparison.Ordinal))
        {
            return false;
        }

        builder.Append('\\').Append(next);
        i++;
        return true;
    }
}
