using System.Text;
using System.Text.RegularExpressions;

namespace StepFlow.Conformance.TestState;

/// <summary>
/// The token rule of the TestState recordings: a <c>&lt;...&gt;</c> in an expected string matches one or more
/// characters of the actual string, the same token the same text everywhere in the case; a <c>&lt;...&gt;</c> text that
/// occurs literally in the request is data and matches itself.
/// </summary>
public sealed partial class TestStateTokenMatcher(string requestText)
{
    private readonly Dictionary<string, string> _bindings = new(StringComparer.Ordinal);

    /// <summary>Matches one string; on success the tokens it bound stay bound.</summary>
    public bool Match(string expected, string actual)
    {
        var tokens = TokenPattern().Matches(expected).Where(m => !requestText.Contains(m.Value, StringComparison.Ordinal)).ToList();
        if (tokens.Count == 0)
        {
            return string.Equals(expected, actual, StringComparison.Ordinal);
        }

        var pattern = new StringBuilder("^");
        var groups = new Dictionary<string, string>(StringComparer.Ordinal);
        var position = 0;
        foreach (var token in tokens)
        {
            pattern.Append(Regex.Escape(expected[position..token.Index]));
            position = token.Index + token.Length;
            if (_bindings.TryGetValue(token.Value, out var bound))
            {
                pattern.Append(Regex.Escape(bound));
            }
            else if (groups.TryGetValue(token.Value, out var group))
            {
                pattern.Append(@"\k<").Append(group).Append('>');
            }
            else
            {
                group = "t" + groups.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
                groups[token.Value] = group;
                pattern.Append("(?<").Append(group).Append(">.+?)");
            }
        }

        pattern.Append(Regex.Escape(expected[position..])).Append('$');
        var match = Regex.Match(actual, pattern.ToString(), RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        if (!match.Success)
        {
            return false;
        }

        foreach (var (token, group) in groups)
        {
            _bindings[token] = match.Groups[group].Value;
        }

        return true;
    }

    [GeneratedRegex("<[^<>\\s]+>")]
    private static partial Regex TokenPattern();
}
