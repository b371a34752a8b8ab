using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using StepFlow.Json;

namespace StepFlow.Paths.Filters;

/// <summary>
/// <c>match(s, re)</c> (the whole string matches) and <c>search(s, re)</c> (some substring matches),
/// with <c>re</c> an I-Regexp (RFC 9485). Non-string arguments and invalid patterns give false.
/// </summary>
internal sealed class RegexMatchFunction : FilterExpression
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);
    private static readonly ConcurrentDictionary<(string, bool), Regex?> Cache = new();

    private readonly ValueOperand _input;
    private readonly ValueOperand _pattern;
    private readonly bool _wholeString;
    private readonly Regex? _compiledLiteral;
    private readonly bool _patternIsLiteral;

    public RegexMatchFunction(ValueOperand input, ValueOperand pattern, bool wholeString)
    {
        _input = input;
        _pattern = pattern;
        _wholeString = wholeString;
        if (pattern is LiteralOperand { Value: JsonString literal })
        {
            _patternIsLiteral = true;
            _compiledLiteral = Compile(literal.Value, wholeString);
        }
    }

    public override bool Evaluate(JsonValue current, JsonValue root)
    {
        if (_input.Evaluate(current, root) is not JsonString input)
        {
            return false;
        }

        Regex? regex;
        if (_patternIsLiteral)
        {
            regex = _compiledLiteral;
        }
        else if (_pattern.Evaluate(current, root) is JsonString pattern)
        {
            regex = Cache.Count < 1024
                ? Cache.GetOrAdd((pattern.Value, _wholeString), key => Compile(key.Item1, key.Item2))
                : Compile(pattern.Value, _wholeString);
        }
        else
        {
            return false;
        }

        if (regex is null)
        {
            return false;
        }

        try
        {
            return regex.IsMatch(input.Value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    public override string ToString() => $"{(_wholeString ? "match" : "search")}({_input}, {_pattern})";

    private static Regex? Compile(string pattern, bool wholeString)
    {
        if (!IRegexpTranslator.TryTranslate(pattern, out var translated))
        {
            return null;
        }

        var text = wholeString ? $"^(?:{translated})\\z" : translated;
        try
        {
            return new Regex(text, RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
