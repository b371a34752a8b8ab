using System.Text.RegularExpressions;
using StepFlow.Json;

namespace StepFlow.Jsonata.Evaluation;

/// <summary>Regular expressions: compiling JSONata regex literals and iterating matches as the reference does.</summary>
internal static class RegexSupport
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    public static Regex Create(string pattern, string flags, int position)
    {
        var options = RegexOptions.CultureInvariant;
        if (flags.Contains('i', StringComparison.Ordinal))
        {
            options |= RegexOptions.IgnoreCase;
        }

        if (flags.Contains('m', StringComparison.Ordinal))
        {
            options |= RegexOptions.Multiline;
        }

        try
        {
            return new Regex(pattern, options, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new JsonataException("S0301", "Invalid regular expression: " + e.Message, position, pattern);
        }
    }

    /// <summary>One match: its text, start offset, and capture groups (null where a group did not take part).</summary>
    public readonly record struct MatchInfo(string Value, int Start, string?[] Groups);

    public static List<MatchInfo> Matches(Evaluator evaluator, JsonValue matcher, string text, long limit = long.MaxValue)
    {
        var result = new List<MatchInfo>();
        if (matcher is not RegexFunction regex)
        {
            return CustomMatches(evaluator, matcher, text, limit);
        }

        try
        {
            var m = regex.Regex.Match(text, 0);
            while (m.Success && result.Count < limit)
            {
                evaluator.CheckLimits();
                result.Add(ToInfo(m));
                var lastIndex = m.Index + m.Length;
                if (lastIndex >= text.Length || result.Count >= limit)
                {
                    break;
                }

                var next = regex.Regex.Match(text, lastIndex);
                if (next.Success && next.Length == 0)
                {
                    throw new JsonataException("D1004", "Regular expression matches zero length string", -1, null, new JsonString(regex.Source));
                }

                m = next;
            }
        }
        catch (RegexMatchTimeoutException)
        {
            throw new JsonataException("U1001", "Regular expression evaluation timeout");
        }

        return result;
    }

    private static MatchInfo ToInfo(Match m)
    {
        var groups = new string?[m.Groups.Count - 1];
        for (var i = 1; i < m.Groups.Count; i++)
        {
            groups[i - 1] = m.Groups[i].Success ? m.Groups[i].Value : null;
        }

        return new MatchInfo(m.Value, m.Index, groups);
    }

    private static List<MatchInfo> CustomMatches(Evaluator evaluator, JsonValue matcher, string text, long limit)
    {
        var result = new List<MatchInfo>();
        var env = new Environment((Environment?)null);
        var current = evaluator.Apply(matcher, [new JsonString(text)], null, env);
        while (current is not null && result.Count < limit)
        {
            if (current is not JsonObject obj || !obj.TryGetValue("start", out _) || !obj.TryGetValue("end", out _) || !obj.TryGetValue("match", out _))
            {
                throw new JsonataException("T1010", "The matcher function argument passed to function does not return the correct object structure");
            }

            var value = obj.TryGetValue("match", out var mv) && mv is JsonString ms ? ms.Value : string.Empty;
            var start = obj.TryGetValue("start", out var sv) && sv is JsonNumber sn ? (int)sn.DoubleValue : 0;
            var groups = new List<string?>();
            if (obj.TryGetValue("groups", out var gv) && Values.IsArray(gv))
            {
                foreach (var g in Values.Items(gv))
                {
                    groups.Add(g is JsonString gs ? gs.Value : null);
                }
            }

            result.Add(new MatchInfo(value, start, [.. groups]));
            if (!obj.TryGetValue("next", out var next) || next is not FunctionValue)
            {
                break;
            }

            current = evaluator.Apply(next, [], null, env);
        }

        return result;
    }

    /// <summary>The object a regex returns when invoked directly: match, start, end, groups and a next() function.</summary>
    public static JsonValue? MatchObject(Evaluator evaluator, RegexFunction regex, string text, int from)
    {
        var m = regex.Regex.Match(text, from);
        if (!m.Success)
        {
            return null;
        }

        var groups = new JsonValue[m.Groups.Count - 1];
        for (var i = 1; i < m.Groups.Count; i++)
        {
            groups[i - 1] = new JsonString(m.Groups[i].Value);
        }

        var end = m.Index + m.Length;
        var next = new NativeFunction("next", null, (ev, a, i, e) =>
        {
            if (end >= text.Length)
            {
                return null;
            }

            var n = MatchObject(ev, regex, text, end);
            if (n is JsonObject no && no.TryGetValue("match", out var nm) && nm is JsonString { Value.Length: 0 })
            {
                throw new JsonataException("D1004", "Regular expression matches zero length string", -1, null, new JsonString(regex.Source));
            }

            return n;
        }, 0);
        _ = evaluator;
        return JsonObject.TakeOwnership(
        [
            new("match", new JsonString(m.Value)),
            new("start", Values.Number(m.Index)),
            new("end", Values.Number(end)),
            new("groups", JsonArray.TakeOwnership(groups)),
            new("next", next),
        ]);
    }
}
