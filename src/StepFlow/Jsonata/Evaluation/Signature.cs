using System.Text;
using System.Text.RegularExpressions;
using StepFlow.Json;

namespace StepFlow.Jsonata.Evaluation;

/// <summary>A parsed function signature such as <c>&lt;s-n?:s&gt;</c>, validating arguments as the reference does.</summary>
internal sealed class Signature
{
    private static readonly Dictionary<string, Signature> Cache = new(StringComparer.Ordinal);
    private static readonly Lock CacheLock = new();

    private readonly List<Param> _params;
    private readonly Regex _regex;

    private Signature(string definition, List<Param> parameters)
    {
        Definition = definition;
        _params = parameters;
        var pattern = new StringBuilder("^");
        foreach (var p in parameters)
        {
            pattern.Append('(').Append(p.Regex).Append(')');
        }

        pattern.Append('$');
        _regex = new Regex(pattern.ToString(), RegexOptions.CultureInvariant);
    }

    public string Definition { get; }

    public int ParameterCount => _params.Count;

    private sealed class Param
    {
        public string Regex { get; set; } = string.Empty;

        public char Type { get; set; }

        public bool Context { get; set; }

        public string? ContextRegex { get; set; }

        public string? Subtype { get; set; }
    }

    public static Signature Parse(string signature, int position)
    {
        lock (CacheLock)
        {
            if (Cache.TryGetValue(signature, out var cached))
            {
                return cached;
            }
        }

        var parameters = new List<Param>();
        var param = new Param();
        var prev = param;
        for (var i = 1; i < signature.Length; i++)
        {
            var symbol = signature[i];
            if (symbol == ':')
            {
                break;
            }

            switch (symbol)
            {
                case 's' or 'n' or 'b' or 'l' or 'o':
                    param.Regex = "[" + symbol + "m]";
                    param.Type = symbol;
                    Next();
                    break;
                case 'a':
                    param.Regex = "[asnblfom]";
                    param.Type = 'a';
                    Next();
                    break;
                case 'f':
                    param.Regex = "f";
                    param.Type = 'f';
                    Next();
                    break;
                case 'j':
                    param.Regex = "[asnblom]";
                    param.Type = 'j';
                    Next();
                    break;
                case 'x':
                    param.Regex = "[asnblfom]";
                    param.Type = 'x';
                    Next();
                    break;
                case '-':
                    prev.Context = true;
                    prev.ContextRegex = "^" + prev.Regex + "$";
                    prev.Regex += "?";
                    break;
                case '?' or '+':
                    prev.Regex += symbol;
                    break;
                case '(':
                    {
                        var end = FindClosing(signature, i, '(', ')');
                        var choice = signature.Substring(i + 1, end - i - 1);
                        if (choice.Contains('<', StringComparison.Ordinal))
                        {
                            throw new JsonataException("S0402", "Choice groups containing parameterized types are not supported", position, null, new JsonString(choice));
                        }

                        param.Regex = "[" + choice + "m]";
                        param.Type = '(';
                        i = end;
                        Next();
                        break;
                    }

                case '<':
                    {
                        if (prev.Type is 'a' or 'f')
                        {
                            var end = FindClosing(signature, i, '<', '>');
                            prev.Subtype = signature.Substring(i + 1, end - i - 1);
                            i = end;
                        }
                        else
                        {
                            throw new JsonataException("S0401", "Type parameters can only be applied to functions and arrays", position, null, new JsonString(prev.Type.ToString()));
                        }

                        break;
                    }
            }
        }

        Signature result;
        try
        {
            result = new Signature(signature, parameters);
        }
        catch (RegexParseException)
        {
            // Modifiers the reference also cannot turn into a pattern (such as '?+'); it fails with a JavaScript SyntaxError.
            throw new JsonataException("S0201", $"Syntax error: invalid function signature {signature}", position, signature);
        }
        lock (CacheLock)
        {
            Cache[signature] = result;
        }

        return result;

        void Next()
        {
            parameters.Add(param);
            prev = param;
            param = new Param();
        }
    }

    private static int FindClosing(string text, int start, char open, char close)
    {
        var depth = 1;
        var position = start;
        while (position < text.Length - 1)
        {
            position++;
            var c = text[position];
            if (c == close)
            {
                depth--;
                if (depth == 0)
                {
                    break;
                }
            }
            else if (c == open)
            {
                depth++;
            }
        }

        return position;
    }

    public static char SymbolOf(JsonValue? value) => value switch
    {
        null => 'm',
        FunctionValue => 'f',
        JsonString => 's',
        JsonNumber or NonFiniteNumber => 'n',
        JsonBool => 'b',
        JsonNull => 'l',
        Sequence or JsonArray => 'a',
        JsonObject => 'o',
        _ => 'm',
    };

    public JsonValue?[] Validate(JsonValue?[] args, JsonValue? context, bool level22 = true)
    {
        Span<char> buffer = args.Length <= 64 ? stackalloc char[args.Length] : new char[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            buffer[i] = SymbolOf(args[i]);
        }

        var supplied = new string(buffer);
        var match = _regex.Match(supplied);
        if (!match.Success)
        {
            ThrowValidationError(args, supplied);
        }

        var validated = new List<JsonValue?>(_params.Count);
        var argIndex = 0;
        for (var index = 0; index < _params.Count; index++)
        {
            var param = _params[index];
            var group = match.Groups[index + 1].Value;
            if (group.Length == 0)
            {
                if (param.Context && param.ContextRegex is not null)
                {
                    var contextType = SymbolOf(context);
                    if (System.Text.RegularExpressions.Regex.IsMatch(contextType.ToString(), param.ContextRegex))
                    {
                        validated.Add(context);
                    }
                    else
                    {
                        throw new JsonataException("T0411", $"Context value is not a compatible type with argument {argIndex + 1} of function", -1, null, Values.FreezeOrNull(context));
                    }
                }
                else
                {
                    validated.Add(argIndex < args.Length ? args[argIndex] : null);
                    argIndex++;
                }

                continue;
            }

            // jsonata 2.0.6 (level V2_0_6) read a non-array parameter's argument once per
            // parameter, so every argument matched by a repeating ('+') parameter received
            // the first one's value (fixed after 2.0.6, jsonata #760).
            var groupStart = argIndex;
            foreach (var single in group)
            {
                var source = !level22 && param.Type != 'a' ? groupStart : argIndex;
                var arg = source < args.Length ? args[source] : null;
                if (param.Type == 'a')
                {
                    if (single == 'm')
                    {
                        arg = null;
                    }
                    else
                    {
                        var arrayOk = true;
                        if (param.Subtype is not null)
                        {
                            if (single != 'a' && group != param.Subtype)
                            {
                                arrayOk = false;
                            }
                            else if (single == 'a')
                            {
                                var items = Values.Items(arg!);
                                if (items.Length > 0)
                                {
                                    var itemType = SymbolOf(items[0]);
                                    if (itemType != param.Subtype[0])
                                    {
                                        arrayOk = false;
                                    }
                                    else
                                    {
                                        foreach (var item in items)
                                        {
                                            if (SymbolOf(item) != itemType)
                                            {
                                                arrayOk = false;
                                                break;
                                            }
                                        }
                                    }
                                }
                            }
                        }

                        if (!arrayOk)
                        {
                            throw new JsonataException("T0412", $"Argument {argIndex + 1} of function must be an array of {SubtypeName(param.Subtype!)}", -1, null, Values.FreezeOrNull(arg));
                        }

                        // An undefined argument (an earlier optional parameter's empty match moved the arguments along, as
                        // in the reference) stays undefined: a JSON array cannot hold it.
                        if (single != 'a' && arg is not null)
                        {
                            var wrapped = new Sequence(false, 1);
                            wrapped.Add(arg!);
                            arg = wrapped;
                        }
                    }
                }

                validated.Add(arg);
                argIndex++;
            }
        }

        return [.. validated];
    }

    private static string SubtypeName(string subtype) => subtype switch
    {
        "a" => "arrays",
        "b" => "booleans",
        "f" => "functions",
        "n" => "numbers",
        "o" => "objects",
        "s" => "strings",
        _ => subtype,
    };

    private void ThrowValidationError(JsonValue?[] args, string supplied)
    {
        var partial = new StringBuilder("^");
        var goodTo = 0;
        foreach (var param in _params)
        {
            partial.Append(param.Regex);
            var m = System.Text.RegularExpressions.Regex.Match(supplied, partial.ToString());
            if (!m.Success)
            {
                break;
            }

            goodTo = m.Length;
        }

        var bad = goodTo < args.Length ? args[goodTo] : null;
        throw new JsonataException("T0410", $"Argument {goodTo + 1} of function does not match function signature", -1, null, Values.FreezeOrNull(bad));
    }
}
